import { handleSettings } from './handlers/settings.js';
chrome.runtime.onMessage.addListener((m, s, send) => { if (m?.type?.startsWith('settings.')) { handleSettings(m, null, s).then(send, (e) => send({ type: 'unavailable', reason: String(e) })); return true; } return false; });
