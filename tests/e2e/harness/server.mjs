// Local HTTPS server that plays the social sites for the browser tests.
//
// Why HTTPS under the real hostnames: the shipped manifest only matches
// https://x.com/*, https://www.facebook.com/* …, and the tests must exercise
// exactly those match patterns (no test-only patterns in the manifest).
// Chromium is pointed at this server with --host-resolver-rules and accepts
// its throw-away self-signed certificate with --ignore-certificate-errors.
// The certificate is generated per server in a temp dir with `openssl`, so
// nothing secret is ever committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

/**
 * A CSP like x.com's where it matters to us: scripts only from self, and
 * neither 'unsafe-eval' nor 'wasm-unsafe-eval', so any WebAssembly compile
 * attempted from a content script fails (and is reported) as on the real site.
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Writes a fresh self-signed certificate (valid for every given host) into dir. */
function makeCertificate(dir, hosts) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const san = ['localhost', ...hosts].map((h) => `DNS:${h}`).join(',') + ',IP:127.0.0.1';
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
    '-subj', '/CN=safepost-e2e.invalid', '-addext', `subjectAltName=${san}`,
    '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.webp': 'image/webp',
};

/**
 * Starts the server on 127.0.0.1 with a random port.
 *
 * Routes are keyed by host and path: `route(host, path, spec)` where spec is
 * `{ body, type?, headers?, status? }`, `{ file }` (served with the type of its
 * extension) or a function `(req, res) => void`. Host '*' matches any host.
 * Every response carries `Content-Security-Policy: STRICT_CSP` unless the
 * route sets its own `headers['Content-Security-Policy']` (null removes it).
 *
 * @param {{hosts?: string[]}} opts hosts the certificate must cover
 * @returns {Promise<{port:number, hosts:string[], route:Function, requests:Array, url:(host:string, p?:string)=>string, close:()=>Promise<void>}>}
 */
export async function startServer({ hosts = [] } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safepost-cert-'));
  let tls;
  try {
    tls = makeCertificate(dir, hosts);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const routes = new Map();
  /** Every request the server saw, in order: {host, path, method, at}. */
  const requests = [];
  const route = (host, p, spec) => { routes.set(`${host.toLowerCase()} ${p}`, spec); };

  const server = https.createServer(tls, (req, res) => {
    const host = String(req.headers.host || '').replace(/:\d+$/, '').toLowerCase();
    const p = new URL(req.url, 'https://h').pathname;
    requests.push({ host, path: p, method: req.method, at: Date.now() });
    const spec = routes.get(`${host} ${p}`) ?? routes.get(`* ${p}`);
    if (!spec) {
      res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Security-Policy': STRICT_CSP });
      res.end('not found');
      return;
    }
    if (typeof spec === 'function') { spec(req, res); return; }
    let body = spec.body;
    let type = spec.type;
    if (spec.file) {
      try { body = fs.readFileSync(spec.file); } catch {
        res.writeHead(404); res.end('missing fixture file'); return;
      }
      type ??= TYPES[path.extname(spec.file)] ?? 'application/octet-stream';
    }
    const headers = { 'Content-Type': type ?? 'text/html; charset=utf-8', 'Cache-Control': 'no-store',
      'Content-Security-Policy': STRICT_CSP, ...(spec.headers ?? {}) };
    for (const [k, v] of Object.entries(headers)) if (v == null) delete headers[k];
    res.writeHead(spec.status ?? 200, headers);
    res.end(body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    port,
    hosts,
    route,
    requests,
    url: (host, p = '/') => `https://${host}${p}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
