// Service-worker handler for posting-log and reach messages (owned by the
// reach/schedule issue). Called by the router in ../sw.js as
// handleReach(message, core); returns a JSON-serialisable reply.
export async function handleReach(_message, _core) {
  return { type: 'unavailable', reason: 'reach is not built yet' };
}
