// Minimal settings handler (the managed-policy issue owns and extends this
// file): answers `settings.get` with the effective settings.
import { getEffectiveSettings } from '../settings.js';

export async function handleSettings(message, _core, _sender) {
  switch (message && message.type) {
    case 'settings.get':
      return { type: 'settings', id: message.id, settings: await getEffectiveSettings() };
    default:
      throw new Error(`unknown settings message ${message && message.type}`);
  }
}
