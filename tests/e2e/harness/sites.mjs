// Which fixture page plays which site, and every hostname the browser maps to
// the local server. The pages mirror the real sites' compose-box markup so the
// extension's site adapters meet what they would meet in production.
import path from 'node:path';
import { FIXTURES_DIR, buildFixtures } from './fixtures.mjs';

/**
 * One entry per editor kind. `selector` finds the compose element (the one
 * that must carry data-safepost-state); `post` finds the site's Post button.
 */
export const SITES = {
  draft: { platform: 'x', host: 'x.com', path: '/compose/post', html: 'x.html',
    selector: '[data-testid="tweetTextarea_0"]', post: '[data-testid="tweetButtonInline"]' },
  lexical: { platform: 'facebook', host: 'www.facebook.com', path: '/', html: 'facebook.html',
    selector: '[data-lexical-editor="true"][role="textbox"]', post: '[aria-label="Post"][role="button"]' },
  quill: { platform: 'linkedin', host: 'www.linkedin.com', path: '/feed/', html: 'linkedin.html',
    selector: '.ql-editor[role="textbox"]', post: '.share-actions__primary-action' },
  contenteditable: { platform: 'youtube', host: 'www.youtube.com', path: '/watch', html: 'youtube.html',
    selector: '#contenteditable-root', post: '#submit-button button' },
  textarea: { platform: 'reddit', host: 'www.reddit.com', path: '/r/medicine/comments/abc/', html: 'reddit.html',
    selector: 'textarea[name="text"]', post: '.usertext-buttons button.save' },
};

/** Every host in the shipped manifest's match patterns, plus a non-social control host. */
export const HOSTS = [
  'x.com', 'twitter.com', 'mobile.x.com',
  'www.threads.net', 'threads.net', 'www.threads.com', 'threads.com',
  'www.facebook.com', 'facebook.com', 'm.facebook.com',
  'www.instagram.com', 'instagram.com',
  'www.linkedin.com', 'linkedin.com',
  'www.tiktok.com', 'tiktok.com',
  'www.youtube.com', 'youtube.com', 'm.youtube.com', 'studio.youtube.com',
  'www.reddit.com', 'reddit.com', 'old.reddit.com', 'new.reddit.com',
  'example.org', // not a social site: the extension must not run here
];

/**
 * Registers every fixture page and bundle on a server from startServer().
 * Each page is also served on the control host example.org at /<kind>.
 */
export async function serveFixtures(server) {
  const bundles = await buildFixtures();
  for (const [name, file] of Object.entries(bundles)) server.route('*', `/__fixture/${name}.js`, { file });
  for (const [kind, site] of Object.entries(SITES)) {
    const file = path.join(FIXTURES_DIR, site.html);
    server.route(site.host, site.path, { file });
    server.route('example.org', `/${kind}`, { file });
  }
  // Compose boxes that appear late, in an open shadow root, an iframe and a modal (fixtures/late.js).
  server.route('www.reddit.com', '/late', { file: path.join(FIXTURES_DIR, 'late.html') });
  server.route('www.reddit.com', '/late-frame', { file: path.join(FIXTURES_DIR, 'late-frame.html') });
  server.route('*', '/favicon.ico', { body: '', type: 'image/x-icon', status: 204 });
  return bundles;
}

/** The URL of a fixture page (`kind` is a key of SITES). */
export const siteUrl = (kind) => `https://${SITES[kind].host}${SITES[kind].path}`;
