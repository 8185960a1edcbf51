//! (Module owned by its issue; not yet implemented.)
