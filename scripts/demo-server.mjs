// A local HTTPS server for the SafePost demo page (and the smoke test).
// Content scripts run only on the eight social sites, so Chromium reaches
// this server under their hostnames: --host-resolver-rules="MAP x.com
// 127.0.0.1:PORT" with --ignore-certificate-errors (self-signed certificate
// made here with openssl). Pages get a strict CSP like x.com's (no
// 'wasm-unsafe-eval', no inline script), so the demo shows SafePost working
// where a content script could not compile WASM.
//
//   node scripts/demo-server.mjs [port]     (port 0 or none: any free port)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_DIR = path.join(ROOT, 'extension', 'demo');
export const SITE_HOSTS = [
  'x.com', 'twitter.com', 'www.threads.net', 'www.threads.com', 'www.facebook.com', 'www.instagram.com',
  'www.linkedin.com', 'www.tiktok.com', 'www.youtube.com', 'www.reddit.com',
];
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** A throwaway self-signed certificate for the social hostnames. */
export function makeCertificate(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safepost-cert-'))) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const san = SITE_HOSTS.flatMap((h) => [`DNS:${h}`, `DNS:*.${h.replace(/^www\./, '')}`]).join(',');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '3',
    '-subj', '/CN=safepost-demo', '-addext', `subjectAltName=${san}`], { stdio: 'ignore' });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/** Serve `dir` over HTTPS with a strict CSP; resolves to {server, port}. */
export function startServer({ dir = DEMO_DIR, port = 0, csp = STRICT_CSP } = {}) {
  const tls = makeCertificate();
  const server = https.createServer(tls, (req, res) => {
    const url = new URL(req.url, 'https://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, path.normalize(rel).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'content-security-policy': csp,
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, port: server.address().port })));
}

/** Chromium's flag mapping every social hostname to this server. */
export function hostResolverRules(port) {
  return SITE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { port } = await startServer({ port: Number(process.argv[2] || 0) });
  console.log(`SAFEPOST_DEMO_PORT=${port}`);
}
