// temporary probe (not committed)
import fs from 'node:fs';
import path from 'node:path';
import { startServer, serveFixtures, launchWithExtension, HOSTS, REPO_ROOT, FIXTURES_DIR } from '../harness/index.mjs';
const IMAGES = path.join(REPO_ROOT, 'tests/fixtures/images');
const HOST = 'www.facebook.com'; const PAGE = '/safepost-photo-fixture';
async function isolatedWorld(page) {
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const end = Date.now() + 10000;
  while (Date.now() < end) {
    const ctx = contexts.find((c) => c.auxData && c.auxData.type === 'isolated' && /chrome-extension:/.test(c.origin));
    if (ctx) return { cdp, id: ctx.id };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no world');
}
async function probe({ astronaut }) {
  const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const bmp = await createImageBitmap(new Blob([bytes(astronaut)], { type: 'image/jpeg' }));
  const c = new OffscreenCanvas(4000, 3000); const g = c.getContext('2d');
  g.drawImage(bmp, 500, 0, 3000, 3000); g.drawImage(bmp, 0, 0, 500, 3000); g.drawImage(bmp, 3500, 0, 500, 3000);
  const img = g.getImageData(0, 0, 4000, 3000); let seed = 1;
  for (let i = 0; i < img.data.length; i += 4) { seed = (seed * 1103515245 + 12345) >>> 0; const n = ((seed >>> 24) & 15) - 8; img.data[i] += n; img.data[i + 1] += n; img.data[i + 2] += n; }
  g.putImageData(img, 0, 0);
  const big = new File([await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 })], 'IMG.jpg', { type: 'image/jpeg' });
  const out = {};
  const time = async (name, fn) => { const xs = []; for (let k = 0; k < 7; k++) { const t = performance.now(); await fn(); xs.push(performance.now() - t); } xs.sort((a, b) => a - b); out[name] = +xs[3].toFixed(1); };
  const read = async (src, w, h) => { const cv = new OffscreenCanvas(w, h); const x = cv.getContext('2d', { willReadFrequently: true }); x.drawImage(src, 0, 0, w, h); return x.getImageData(0, 0, w, h).data; };
  for (const csc of ['default', 'none']) {
    await time(`id stream ${csc}`, async () => { const d = new ImageDecoder({ data: big.stream(), type: 'image/jpeg', desiredWidth: 512, desiredHeight: 384, colorSpaceConversion: csc }); const f = (await d.decode()).image; out.fmt = `${f.format} ${f.codedWidth}x${f.codedHeight} rot ${f.rotation}`; f.close(); d.close(); });
    await time(`id stream+read ${csc}`, async () => { const d = new ImageDecoder({ data: big.stream(), type: 'image/jpeg', desiredWidth: 512, desiredHeight: 384, colorSpaceConversion: csc }); const f = (await d.decode()).image; await read(f, 500, 375); f.close(); d.close(); });
    await time(`id buf ${csc}`, async () => { const d = new ImageDecoder({ data: await big.arrayBuffer(), type: 'image/jpeg', desiredWidth: 512, desiredHeight: 384, colorSpaceConversion: csc }); const f = (await d.decode()).image; f.close(); d.close(); });
  }
  await time('id copyTo', async () => { const d = new ImageDecoder({ data: big.stream(), type: 'image/jpeg', desiredWidth: 512, desiredHeight: 384 }); const f = (await d.decode()).image; const buf = new Uint8Array(f.allocationSize()); await f.copyTo(buf); f.close(); d.close(); });
  await time('file.arrayBuffer', async () => { await big.arrayBuffer(); });
  await time('cib full', async () => { const b = await createImageBitmap(big); b.close(); });
  const gray = new Uint8Array(512 * 384); for (let i = 0; i < gray.length; i++) gray[i] = i & 255;
  await time('b64 gray512', async () => { let s = ''; for (let i = 0; i < gray.length; i += 0x8000) s += String.fromCharCode.apply(null, gray.subarray(i, i + 0x8000)); btoa(s); });
  await time('latin1 gray512', async () => { new TextDecoder('latin1').decode(gray); });
  return out;
}
const server = await startServer({ hosts: HOSTS });
await serveFixtures(server);
server.route(HOST, PAGE, { file: path.join(FIXTURES_DIR, 'photos.html') });
server.route(HOST, '/__photos/page.js', { file: path.join(FIXTURES_DIR, 'photos-page.js') });
const browser = await launchWithExtension({ server });
try {
  const page = await browser.context.newPage();
  await page.goto(`https://${HOST}${PAGE}`, { waitUntil: 'load' });
  const world = await isolatedWorld(page);
  const r = await world.cdp.send('Runtime.evaluate', { expression: `(${probe})(${JSON.stringify({ astronaut: fs.readFileSync(path.join(IMAGES, 'astronaut.jpg')).toString('base64') })})`, contextId: world.id, awaitPromise: true, returnByValue: true });
  console.log(r.exceptionDetails ? r.exceptionDetails : r.result.value);
} finally { await browser.close(); await server.close(); }
