// Service-worker handler for the photo checks (`photo.*` messages from
// content/photos.js). Called by the router in ../sw.js as
// handlePhoto(message, core, sender), where `core` is the initialised
// wasm-bindgen module. Messages are JSON over a Port, so binary data travels
// as base64 strings.
//
//   photo.inspect {id, name, bytes, tail?, complete}
//     → {type:'photo.inspection', id, inspection, ms}
//     bytes/tail: base64 of the file (or its head and tail when large).
//   photo.pixels {id, width, height, gray, cw, ch, rgb}
//     → {type:'photo.pixels', id, findings, faces, clinical, ms, coreMs}
//     (ms: in the worker; coreMs: of that, the WASM faces + clinical cues)
//     gray: base64 of a width×height gray image (faces, 512 px long side);
//     rgb: base64 of a small cw×ch RGB image (clinical cues). The page
//     decodes and downscales (the browser's decoders beat Rust in wasm).
//   photo.strip {id, bytes, orientation?}
//     → {type:'photo.stripped', id, bytes: base64|null, status}
//     status 'stripped' (lossless), 'reencode' (the page must redraw on a
//     canvas), 'malformed' (with reason).
//   photo.consent {id, fingerprint, name, platform, findings}
//     → {type:'photo.consent', id, at}: the clinician's "consent documented"
//     acknowledgement, kept in chrome.storage.local `photoConsents`.
//
// The face model (SeetaFace, 1.2 MB) is a packaged file, not part of the
// wasm: it is read from the extension itself on first use (never the network).

import { ensureLexicons } from '../../offscreen/text-analysis.js';
import { getEffectiveSettings } from '../settings.js';

const MODEL_PATH = 'extension/models/seeta_fd_frontal_v1.0.bin';
/** Most consent records kept (oldest dropped first). */
const MAX_CONSENTS = 500;

let modelBytes = null;

/** Add the core's Safe Harbor heading, as text.result findings carry it. */
function labelled(core, findings) {
  return (findings || []).map((f) => {
    let label;
    try { label = core.category_label ? core.category_label(f.category) : undefined; } catch (_e) { label = undefined; }
    return label ? { ...f, label } : f;
  });
}

/** Load the face model into the core if this instance lacks it: on first
 *  use, and again after the core was re-instantiated (a panic resets it). */
async function ensureModel(core) {
  if (core.photo_model_loaded()) return;
  if (!modelBytes) {
    modelBytes = fetch(chrome.runtime.getURL(MODEL_PATH)).then(async (res) => {
      if (!res.ok) throw new Error(`face model missing from the extension (${res.status})`);
      return new Uint8Array(await res.arrayBuffer());
    });
    modelBytes.catch(() => { modelBytes = null; });
  }
  core.photo_load_model(await modelBytes);
}

// Native Uint8Array base64 (Chromium 140+) where present: several times
// faster than atob over a binary string on the 12 MP photo's pixels.
export function base64ToBytes(b64) {
  if (typeof b64 !== 'string') throw new Error('expected base64 data');
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes) {
  if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
  let s = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
  }
  return btoa(s);
}

// (Service workers forbid dynamic import(): settings.js is imported statically.)
async function settings() {
  try {
    return (await getEffectiveSettings()) || {};
  } catch (_e) {
    return {};
  }
}

async function allowlist() {
  const s = await settings();
  return Array.isArray(s.allowlist) ? s.allowlist.map(String) : [];
}

async function photosEnabled() {
  const s = await settings();
  return !(s.checks && s.checks.photos === false);
}

export async function handlePhoto(message, core) {
  const id = message.id;
  switch (message.type) {
    case 'photo.inspect': {
      if (!(await photosEnabled())) return { type: 'photo.disabled', id };
      if (!core) throw new Error('the SafePost core is not loaded');
      const t0 = performance.now();
      const bytes = base64ToBytes(message.bytes);
      const tail = message.tail ? base64ToBytes(message.tail) : undefined;
      const name = typeof message.name === 'string' ? message.name.slice(0, 300) : undefined;
      ensureLexicons(core); // a reset instance needs its word lists again
      const inspection = core.photo_inspect(bytes, tail, name, message.complete !== false, await allowlist());
      inspection.findings = labelled(core, inspection.findings);
      return { type: 'photo.inspection', id, inspection, ms: performance.now() - t0 };
    }
    case 'photo.pixels': {
      if (!core) throw new Error('the SafePost core is not loaded');
      const t0 = performance.now();
      await ensureModel(core);
      const gray = base64ToBytes(message.gray);
      const rgb = base64ToBytes(message.rgb);
      const t1 = performance.now();
      const r = core.photo_check_pixels(gray, message.width >>> 0, message.height >>> 0, rgb, message.cw >>> 0, message.ch >>> 0);
      const coreMs = performance.now() - t1;
      return { type: 'photo.pixels', id, findings: labelled(core, r.findings), faces: r.faces, clinical: r.clinical,
        ms: performance.now() - t0, coreMs };
    }
    case 'photo.strip': {
      if (!core) throw new Error('the SafePost core is not loaded');
      const bytes = base64ToBytes(message.bytes);
      const o = Number.isInteger(message.orientation) ? message.orientation : undefined;
      try {
        const clean = core.photo_strip(bytes, o);
        if (!clean) return { type: 'photo.stripped', id, bytes: null, status: 'reencode' };
        return { type: 'photo.stripped', id, bytes: bytesToBase64(clean), status: 'stripped' };
      } catch (e) {
        const reason = (e && e.reason) || String((e && e.message) || e);
        return { type: 'photo.stripped', id, bytes: null, status: 'malformed', reason };
      }
    }
    case 'photo.consent': {
      const at = new Date().toISOString();
      const record = {
        at,
        fingerprint: String(message.fingerprint || '').slice(0, 128),
        name: String(message.name || '').slice(0, 200),
        platform: String(message.platform || ''),
        findings: Array.isArray(message.findings) ? message.findings.map(String).slice(0, 20) : [],
      };
      const { photoConsents = [] } = await chrome.storage.local.get('photoConsents');
      const list = Array.isArray(photoConsents) ? photoConsents : [];
      list.push(record);
      await chrome.storage.local.set({ photoConsents: list.slice(-MAX_CONSENTS) });
      return { type: 'photo.consent', id, at };
    }
    default:
      return { type: 'error', id, reason: `unknown photo message ${String(message.type)}` };
  }
}
