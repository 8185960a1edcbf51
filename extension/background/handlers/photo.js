// Service-worker handler for photo checks (owned by the photos issue).
// Called by the router in ../sw.js as handlePhoto(message, core), where
// `core` is the initialised wasm module; returns a JSON-serialisable reply.
export async function handlePhoto(_message, _core) {
  return { type: 'unavailable', reason: 'photo checks are not built yet' };
}
