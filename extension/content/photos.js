// Content-script part of the photo checks (owned by the photos issue).
// Loaded after the main content script; uses globalThis.SafePostCore.
