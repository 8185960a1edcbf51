// SafePost content script, photos (loaded after main.js; uses
// globalThis.SafePost). Catches every way an image enters a post — file
// inputs (also hidden ones the site clicks from script), drag-and-drop and
// paste — holds the event until the photo checks have run, then shows the
// findings on the shared card and in the compose box's counts.
//
// Transfer design (messages to the service worker are JSON): the page sends
// the file's bytes as base64 for the metadata parsers (whole file up to
// FULL_LIMIT, else head + tail), and — only when the core says the declared
// size is sane — a downscaled RGB buffer that the browser decoded with
// createImageBitmap + OffscreenCanvas, for the face and clinical checks.
// No WASM here (page CSPs block it); nothing leaves the machine.
(() => {
  'use strict';
  const SP = globalThis.SafePost;
  if (!SP || globalThis.__safepostPhotos) return;
  globalThis.__safepostPhotos = true;

  /** Whole files up to this size are sent for the metadata check. */
  const FULL_LIMIT = 24 * 1024 * 1024;
  /** For larger files (videos): this much of the head and of the tail. */
  const PART = 4 * 1024 * 1024;
  /** Long side of the gray image for faces (the core's DETECT_SIDE). */
  const PIXEL_SIDE = 512;
  /** The core's MAX_DECODE_PIXELS (src/image/dimensions.rs): larger JPEGs
   *  are not decoded before the core has looked at them. */
  const EARLY_DECODE_PIXELS = 64000000;
  /** A check that takes longer than this is reported as not done. */
  const TIMEOUT_MS = 20000;

  const LABELS = {
    photo_face: 'full-face photographs',
    photo_location: 'geographic data hidden in the file',
    photo_metadata: 'dates, serial numbers and names hidden in the file',
    photo_clinical: 'clinical image',
    photo_dicom: 'medical image with patient data',
    photo_unreadable: 'image could not be checked',
  };
  /** Findings that "remove hidden data" cures. */
  const HIDDEN = new Set(['photo_location', 'photo_metadata']);
  /** Findings that need the clinician's consent acknowledgement. */
  const CONSENT = new Set(['photo_face', 'photo_clinical', 'photo_dicom']);

  /** Events SafePost itself dispatched (after the check): let them through. */
  const ours = new WeakSet();
  let lastCompose = null;

  // ---------------------------------------------------------------- utils

  // Native Uint8Array base64 (Chromium 140+) is several times faster than
  // btoa over a binary string; the fallbacks keep older browsers working.
  function bytesToBase64(bytes) {
    if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
    let s = '';
    const CHUNK = 0x8000;
    for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK));
    return btoa(s);
  }
  function base64ToBytes(b64) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function withTimeout(p, what) {
    let t;
    return Promise.race([
      p,
      new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`${what} took too long`)), TIMEOUT_MS); }),
    ]).finally(() => clearTimeout(t));
  }

  async function ask(msg, what) {
    const reply = await withTimeout(SP.request(msg), what);
    if (!reply || reply.type === 'unavailable' || reply.type === 'error') {
      throw new Error((reply && reply.reason) || `${what} unavailable`);
    }
    return reply;
  }

  function unreadable(reason) {
    return { category: 'photo_unreadable', severity: 'relative', start: 0, end: 0, start_utf16: 0, end_utf16: 0,
      message: `SafePost could not check this image: ${reason}`, score: 1 };
  }

  function label(findings, fileName, many) {
    return findings.map((f) => ({ ...f, label: f.label || LABELS[f.category] || f.category,
      text: many ? fileName : undefined }));
  }

  // ------------------------------------------------------------- analysis

  /**
   * The photo checks on one File: inspection + pixel findings. Never throws.
   * `result.timings` (ms) says where the time went, for the benchmark
   * (tests/e2e/bench/photo-bench.mjs): read (metadata bytes sliced from the
   * original file), encode (base64), inspect (round trip; inspectWorker =
   * inside the worker), decode (browser JPEG/PNG decoder, straight to the
   * small size), pixels (canvas draw + gray/RGB buffers), pixelsRoundTrip
   * (worker: pixelsWorker; WASM faces + clinical cues: pixelsCore), total.
   */
  async function analyzeFile(file) {
    const timings = {};
    const t0 = performance.now();
    let t = t0;
    const lap = (key) => { const now = performance.now(); timings[key] = (timings[key] || 0) + (now - t); t = now; };
    const result = { file, inspection: null, findings: [], faces: null, timings };
    let early = null;
    try {
      const { head, tail, complete } = await metadataBytes(file);
      lap('read');
      early = earlyJpegDecode(file, head);
      const msg = { type: 'photo.inspect', name: file.name || '', complete,
        bytes: bytesToBase64(head), tail: tail ? bytesToBase64(tail) : undefined };
      lap('encode');
      const insp = await ask(msg, 'the photo check');
      lap('inspect');
      timings.inspectWorker = insp.ms;
      if (insp.type === 'photo.disabled') return { ...result, disabled: true };
      result.inspection = insp.inspection;
      result.findings.push(...insp.inspection.findings);
      if (insp.inspection.decode) {
        try {
          // The early decode assumed no 90° rotation; otherwise `finally` closes it.
          const ready = early && (insp.inspection.orientation || 1) < 5 && insp.inspection.format === 'jpeg' ? early : null;
          if (ready) early = null;
          const source = (ready && await ready.catch(() => null)) || await decodeSmall(file, insp.inspection);
          lap('decode');
          const px = pixelsOf(source);
          lap('pixels');
          const pmsg = { type: 'photo.pixels', width: px.width, height: px.height, gray: bytesToBase64(px.gray),
            cw: px.cw, ch: px.ch, rgb: bytesToBase64(px.rgb) };
          lap('encode');
          const r = await ask(pmsg, 'the face check');
          lap('pixelsRoundTrip');
          timings.pixelsWorker = r.ms;
          timings.pixelsCore = r.coreMs;
          result.findings.push(...r.findings);
          result.faces = r.faces;
        } catch (e) {
          result.findings.push(unreadable(`faces and clinical content were not checked (${e.message || e})`));
        }
      }
    } catch (e) {
      result.findings.push(unreadable(String((e && e.message) || e)));
    } finally {
      // Started but not used (not to be decoded, rotated, or an error).
      if (early) early.then((f) => f && f.close(), () => {});
    }
    timings.total = performance.now() - t0;
    return result;
  }

  /**
   * A JPEG's decode can start while the worker inspects the metadata (the
   * decoder runs on its own thread): its frame size is read here from the
   * SOF header, and the browser decodes straight to PIXEL_SIDE by DCT
   * scaling, so memory stays small whatever the file. Only when the size
   * is within the core's own decoding limit (MAX_DECODE_PIXELS); the
   * result is used only if the core then says the image may be decoded.
   * Resolves to the frame, or null.
   */
  function earlyJpegDecode(file, head) {
    const size = jpegFrameSize(head);
    if (!size || size.width * size.height > EARLY_DECODE_PIXELS) return null;
    const p = decodeSmall(file, { format: 'jpeg', dimensions: size, orientation: 1 });
    p.catch(() => {}); // awaited (or closed) by analyzeFile
    return p;
  }

  /**
   * The bytes the metadata parsers need. JPEG keeps all its metadata before
   * the scan (SOS): send that head and the last 4 KB (end-of-image check)
   * instead of megabytes of compressed pixels. Other files: whole up to
   * FULL_LIMIT, else head and tail (video containers put `moov` at either end).
   */
  async function metadataBytes(file) {
    const first = new Uint8Array(await file.slice(0, Math.min(file.size, 256 * 1024)).arrayBuffer());
    let sos = jpegScanStart(first);
    if (sos === -1 && file.size > first.length && first[0] === 0xff && first[1] === 0xd8) {
      const more = new Uint8Array(await file.slice(0, Math.min(file.size, PART)).arrayBuffer());
      sos = jpegScanStart(more);
      if (sos > 0) return jpegParts(file, more, sos);
    }
    if (sos > 0) return jpegParts(file, first, sos);
    if (file.size <= FULL_LIMIT) {
      const all = file.size === first.length ? first : new Uint8Array(await file.arrayBuffer());
      return { head: all, tail: null, complete: true };
    }
    const head = new Uint8Array(await file.slice(0, PART).arrayBuffer());
    const tail = new Uint8Array(await file.slice(file.size - PART).arrayBuffer());
    return { head, tail, complete: false };
  }

  async function jpegParts(file, bytes, sos) {
    if (sos + 2 >= file.size) return { head: bytes, tail: null, complete: bytes.length === file.size };
    const tail = new Uint8Array(await file.slice(Math.max(sos + 2, file.size - 4096)).arrayBuffer());
    return { head: bytes.subarray(0, sos + 2), tail, complete: false };
  }

  /** The frame size in a JPEG's SOF header within `b`, or null. */
  function jpegFrameSize(b) {
    if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
    let i = 2;
    while (i + 9 <= b.length) {
      if (b[i] !== 0xff) return null;
      const m = b[i + 1];
      if (m === 0xff) { i += 1; continue; }
      if (m === 0xda || m === 0xd9) return null;
      if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) { i += 2; continue; }
      // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
      if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
        const height = (b[i + 5] << 8) | b[i + 6];
        const width = (b[i + 7] << 8) | b[i + 8];
        return width && height ? { width, height } : null;
      }
      i += 2 + ((b[i + 2] << 8) | b[i + 3]);
    }
    return null;
  }

  /** Offset of the JPEG SOS marker within `b`, or -1 (not JPEG / not in `b`). */
  function jpegScanStart(b) {
    if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return -1;
    let i = 2;
    while (i + 4 <= b.length) {
      if (b[i] !== 0xff) return -1;
      const m = b[i + 1];
      if (m === 0xff) { i += 1; continue; }
      if (m === 0xda) return i;
      if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) { i += 2; continue; }
      i += 2 + ((b[i + 2] << 8) | b[i + 3]);
    }
    return -1;
  }

  const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', bmp: 'image/bmp', avif: 'image/avif' };
  /** Long side of the colour image for the clinical cues. */
  const COLOR_SIDE = 128;

  /**
   * From a decoded, already small frame (orientation applied): a gray image
   * of at most PIXEL_SIDE long side for faces (faces need luma only, one
   * byte a pixel) and a COLOR_SIDE RGB image for the clinical cues. Closes
   * `source`.
   */
  function pixelsOf(source) {
    try {
      const sw = source.displayWidth || source.width;
      const sh = source.displayHeight || source.height;
      const fit = (side) => {
        const k = Math.min(1, side / Math.max(sw, sh));
        return [Math.max(1, Math.round(sw * k)), Math.max(1, Math.round(sh * k))];
      };
      const [gw, gh] = fit(PIXEL_SIDE);
      const canvas = new OffscreenCanvas(gw, gh);
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(source, 0, 0, gw, gh);
      const rgba = ctx.getImageData(0, 0, gw, gh).data;
      const gray = new Uint8Array(gw * gh);
      for (let i = 0, j = 0; i < rgba.length; i += 4, j++) {
        gray[j] = (rgba[i] * 299 + rgba[i + 1] * 587 + rgba[i + 2] * 114 + 500) / 1000;
      }
      const [cw, ch] = fit(COLOR_SIDE);
      const small = new OffscreenCanvas(cw, ch);
      const sctx = small.getContext('2d', { willReadFrequently: true });
      sctx.drawImage(canvas, 0, 0, cw, ch);
      const srgba = sctx.getImageData(0, 0, cw, ch).data;
      const rgb = new Uint8Array(cw * ch * 3);
      for (let i = 0, j = 0; i < srgba.length; i += 4, j += 3) {
        rgb[j] = srgba[i]; rgb[j + 1] = srgba[i + 1]; rgb[j + 2] = srgba[i + 2];
      }
      return { width: gw, height: gh, gray, cw, ch, rgb };
    } finally {
      source.close();
    }
  }

  /**
   * Decode in the browser straight to about PIXEL_SIDE (never a full-size
   * bitmap). ImageDecoder with a desired size lets the JPEG decoder scale
   * in the DCT (1/2, 1/4, 1/8: a 12 MP photo comes out 500 × 375 without
   * ever being decoded at full size); measured in Chromium,
   * createImageBitmap's resizeWidth decodes the whole image first and then
   * resizes (2-3× slower), so it is only the fallback. The decoder gets the
   * file as one ArrayBuffer: fed from file.stream() it kept the page's
   * thread busy pumping chunks while the inspection reply waited (inspect
   * round trip 15-17 ms instead of 5-9). Size and format come
   * from the core's inspection (which refused oversized images already).
   */
  async function decodeSmall(file, inspection) {
    const d = inspection.dimensions;
    const o = inspection.orientation || 1;
    let w = d ? d.width : 0;
    let h = d ? d.height : 0;
    if (o >= 5) [w, h] = [h, w];
    const type = MIME[inspection.format];
    const big = w && h && Math.max(w, h) > PIXEL_SIDE;
    if (type && big && typeof ImageDecoder === 'function') {
      try {
        if (await ImageDecoder.isTypeSupported(type)) {
          const k = PIXEL_SIDE / Math.max(w, h);
          const dec = new ImageDecoder({ data: await file.arrayBuffer(), type,
            desiredWidth: Math.ceil(w * k), desiredHeight: Math.ceil(h * k) });
          try {
            return (await dec.decode()).image; // a VideoFrame: drawImage applies its rotation
          } finally {
            dec.close();
          }
        }
      } catch (_e) { /* fall back below */ }
    }
    const opts = { imageOrientation: 'from-image', resizeQuality: 'medium' };
    if (big) {
      if (w >= h) opts.resizeWidth = PIXEL_SIDE; else opts.resizeHeight = PIXEL_SIDE;
    }
    return createImageBitmap(file, opts);
  }

  // ------------------------------------------------------------- cleaning

  /** A copy of the file without hidden data: lossless where the core can,
   *  else redrawn on a canvas at full size (orientation baked in). */
  async function cleanFile(r) {
    const file = r.file;
    const strip = r.inspection && r.inspection.strip;
    if (strip === 'lossless') {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const reply = await ask({ type: 'photo.strip', bytes: bytesToBase64(bytes),
        orientation: r.inspection.orientation || undefined }, 'removing hidden data');
      if (reply.status === 'stripped') {
        return new File([base64ToBytes(reply.bytes)], file.name, { type: file.type, lastModified: Date.now() });
      }
      if (reply.status === 'malformed') throw new Error(reply.reason || 'the file is damaged');
    }
    if (strip === 'unsupported') throw new Error(`${r.inspection.format} files cannot be cleaned here`);
    const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' });
    try {
      const canvas = new OffscreenCanvas(bmp.width, bmp.height);
      canvas.getContext('2d').drawImage(bmp, 0, 0);
      const type = /png|gif/.test(r.inspection && r.inspection.format) ? 'image/png' : 'image/jpeg';
      const blob = await canvas.convertToBlob({ type, quality: 0.92 });
      const name = file.name.replace(/\.[^.]*$/, '') + (type === 'image/png' ? '.png' : '.jpg');
      return new File([blob], name, { type, lastModified: Date.now() });
    } finally {
      bmp.close();
    }
  }

  async function fingerprint(file) {
    try {
      const head = await file.slice(0, 256 * 1024).arrayBuffer();
      const d = new Uint8Array(await crypto.subtle.digest('SHA-256', head));
      return Array.from(d.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('') + `:${file.size}`;
    } catch (_e) {
      return `${file.name}:${file.size}`;
    }
  }

  // ---------------------------------------------------------- the flow

  function composeOf(el) {
    return (el && SP.composeFor(el)) || lastCompose || null;
  }

  function visibleAnchor(el, compose) {
    if (el && el.getBoundingClientRect) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) return el;
    }
    return compose || el || document.body;
  }

  /**
   * Checks `files`, shows the card, and calls release(files) with the files
   * to attach (cleaned ones after "remove hidden data") or cancel().
   */
  async function holdAndCheck(files, target, release, cancel) {
    const compose = composeOf(target);
    const results = [];
    for (const f of files) results.push(await analyzeFile(f));
    if (results.some((r) => r.disabled)) { release(files); return; }
    decide(results, target, compose, release, cancel);
  }

  function decide(results, target, compose, release, cancel) {
    const many = results.length > 1;
    const findings = results.flatMap((r) => label(r.findings, r.file.name, many));
    if (compose) SP.setExternalFindings(compose, 'photo', findings);
    if (!findings.length) { release(results.map((r) => r.file)); return; }

    // Offer cleaning only where it can work (not for HEIC, video, DICOM).
    const hidden = results.some((r) => r.inspection && r.inspection.strip !== 'unsupported'
      && r.findings.some((f) => HIDDEN.has(f.category)));
    const consent = findings.some((f) => CONSENT.has(f.category));
    const actions = [];
    if (hidden) {
      actions.push({ label: 'Remove hidden data', primary: true, run: async () => {
        const cleaned = [];
        for (const r of results) {
          if (!r.findings.some((f) => HIDDEN.has(f.category))) { cleaned.push(r); continue; }
          try {
            const file = await cleanFile(r);
            cleaned.push(await analyzeFile(file));
          } catch (e) {
            cleaned.push({ ...r, findings: [...r.findings, unreadable(`hidden data could not be removed (${e.message || e})`)] });
          }
        }
        const stillHidden = cleaned.some((r) => r.findings.some((f) => HIDDEN.has(f.category) || f.category === 'photo_unreadable'));
        const needsConsent = cleaned.some((r) => r.findings.some((f) => CONSENT.has(f.category)));
        if (stillHidden || needsConsent) decide(cleaned, target, compose, release, cancel);
        else {
          if (compose) SP.setExternalFindings(compose, 'photo', []);
          release(cleaned.map((r) => r.file));
        }
      } });
    }
    if (consent && !hidden) {
      actions.push({ label: 'Consent documented', primary: !hidden, run: async () => {
        for (const r of results) {
          const cats = r.findings.filter((f) => CONSENT.has(f.category)).map((f) => f.category);
          if (!cats.length) continue;
          try {
            await ask({ type: 'photo.consent', fingerprint: await fingerprint(r.file), name: r.file.name,
              platform: SP.platform, findings: cats }, 'saving the consent note');
          } catch (e) {
            console.warn('SafePost: consent note not saved', e);
          }
        }
        // Acknowledged: the remaining findings no longer hold the post.
        if (compose) SP.setExternalFindings(compose, 'photo', []);
        release(results.map((r) => r.file));
      } });
    }
    const allowOverride = !(SP.settings && SP.settings.allowOverride === false);
    if (allowOverride) {
      actions.push({ label: 'Attach as is', run: () => release(results.map((r) => r.file)) });
    }
    actions.push({ label: 'Cancel attachment', run: () => {
      if (compose) SP.setExternalFindings(compose, 'photo', []);
      cancel();
    } });
    const unreadableOnly = findings.every((f) => f.category === 'photo_unreadable');
    const title = unreadableOnly ? 'SafePost could not check this image' : `SafePost: check ${many ? 'these photos' : 'this photo'} before posting`;
    SP.ui.showCard(visibleAnchor(target, compose), { title, findings, actions });
  }

  // --------------------------------------------------- entry points

  const isMediaFile = (f) => f && (f.size >= 0);

  function filesOf(list) {
    return Array.from(list || []).filter(isMediaFile);
  }

  /** Events already handled by one of our listeners (an input may be
   *  watched at the window, its shadow root and itself). */
  const handled = new WeakSet();
  const watchedNodes = new WeakSet();

  /**
   * Listen for 'input'/'change' on `node` itself (capture): a shadow root
   * (its inputs' `change` is not composed, so it never reaches the window)
   * or a file input outside the document (its events reach nothing else).
   */
  function watchNode(node) {
    if (!node || watchedNodes.has(node)) return;
    watchedNodes.add(node);
    node.addEventListener('input', onFileInput, true);
    node.addEventListener('change', onFileInput, true);
  }

  /** The closed shadow root of `el` (content scripts may open them). */
  function closedShadowRootOf(el) {
    if (!(el instanceof Element) || el.shadowRoot) return null;
    try {
      const root = globalThis.chrome && chrome.dom && chrome.dom.openOrClosedShadowRoot
        ? chrome.dom.openOrClosedShadowRoot(el) : null;
      return root || null;
    } catch (_e) {
      return null;
    }
  }

  /**
   * File inputs: capture phase at the window (before the site's listeners),
   * at shadow roots and on detached inputs (see watchNode). The real target
   * is composedPath()[0]: inside an open shadow root `e.target` is the host.
   */
  function onFileInput(e) {
    if (ours.has(e) || handled.has(e)) return;
    const input = (e.composedPath && e.composedPath()[0]) || e.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'file') {
      // An `input` from inside a closed shadow root shows only its host
      // here: watch that root, whose own listener sees one level deeper.
      if (e.type === 'input') {
        const closed = closedShadowRootOf(input);
        if (closed) watchNode(closed);
      }
      return;
    }
    if (e.type === 'input') {
      // The `change` that follows will not reach the window from a shadow
      // root or a detached input: watch where it will pass.
      const root = input.getRootNode();
      if (root !== document) watchNode(root instanceof ShadowRoot ? root : input);
    }
    const files = filesOf(input.files);
    if (!files.length) return;
    handled.add(e);
    e.stopImmediatePropagation();
    if (e.type === 'input') return; // the change event that follows starts the check
    const original = input.files;
    const fire = () => {
      for (const type of ['input', 'change']) {
        // As the browser fires them: `input` is composed, `change` is not.
        const ev = new Event(type, { bubbles: true, composed: type === 'input' });
        ours.add(ev);
        input.dispatchEvent(ev);
      }
    };
    holdAndCheck(files, input, (chosen) => {
      const same = chosen.length === files.length && chosen.every((f, i) => f === files[i]);
      if (!same) {
        const dt = new DataTransfer();
        for (const f of chosen) dt.items.add(f);
        input.files = dt.files;
      } else if (input.files !== original) {
        input.files = original;
      }
      fire();
    }, () => {
      input.value = '';
    });
  }

  function transferFiles(dt) {
    if (!dt) return [];
    const out = [];
    if (dt.items && dt.items.length) {
      for (const it of dt.items) if (it.kind === 'file') { const f = it.getAsFile(); if (f) out.push(f); }
    } else out.push(...filesOf(dt.files));
    return out;
  }

  function rebuiltTransfer(source, files) {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(f);
    if (source) {
      for (const type of source.types || []) {
        if (type === 'Files') continue;
        try { dt.setData(type, source.getData(type)); } catch (_e) { /* unreadable type */ }
      }
    }
    return dt;
  }

  function onDrop(e) {
    if (ours.has(e)) return;
    const files = transferFiles(e.dataTransfer);
    if (!files.length) return;
    const target = e.target;
    const init = { bubbles: true, cancelable: true, composed: true, clientX: e.clientX, clientY: e.clientY,
      screenX: e.screenX, screenY: e.screenY };
    const textData = snapshotData(e.dataTransfer);
    e.preventDefault();
    e.stopImmediatePropagation();
    holdAndCheck(files, target, (chosen) => {
      const dt = rebuiltTransfer(textData, chosen);
      const ev = new DragEvent('drop', { ...init, dataTransfer: dt });
      ours.add(ev);
      (target.isConnected ? target : document.body).dispatchEvent(ev);
    }, () => {});
  }

  function onPaste(e) {
    if (ours.has(e)) return;
    const files = transferFiles(e.clipboardData);
    if (!files.length) return;
    const target = e.target;
    const textData = snapshotData(e.clipboardData);
    e.preventDefault();
    e.stopImmediatePropagation();
    holdAndCheck(files, target, (chosen) => {
      const dt = rebuiltTransfer(textData, chosen);
      const ev = new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: dt });
      ours.add(ev);
      (target.isConnected ? target : document.body).dispatchEvent(ev);
    }, () => {});
  }

  /** The non-file data of a transfer, read now (it is emptied after the event). */
  function snapshotData(dt) {
    const types = [];
    const values = {};
    if (dt) {
      for (const t of dt.types || []) {
        if (t === 'Files') continue;
        try { values[t] = dt.getData(t); types.push(t); } catch (_e) { /* ignore */ }
      }
    }
    return { types, getData: (t) => values[t] };
  }

  document.addEventListener('focusin', (e) => {
    const c = SP.composeFor(e.target);
    if (c) lastCompose = c;
  }, true);
  window.addEventListener('input', onFileInput, true);
  window.addEventListener('change', onFileInput, true);
  // File inputs the page never attaches to the document and opens from
  // script: photos-main-world.js (the page's world) hands them over as the
  // relatedTarget of this event, DOM nodes being shared between worlds.
  document.addEventListener('safepost:file-input', (e) => {
    const input = e.relatedTarget;
    if (input instanceof HTMLInputElement && input.type === 'file' && !input.isConnected) watchNode(input);
  }, true);
  window.addEventListener('drop', onDrop, true);
  window.addEventListener('paste', onPaste, true);

  // Benchmark/diagnostic hooks inside the isolated world only (the page's
  // own scripts cannot see them): tests/e2e/bench/photo-bench.mjs.
  globalThis.__safepostPhotoInternals = { analyzeFile, metadataBytes, decodeSmall, pixelsOf, cleanFile };
})();
