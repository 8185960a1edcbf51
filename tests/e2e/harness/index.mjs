// The SafePost browser-test harness: import everything from here.
export { startServer, STRICT_CSP } from './server.mjs';
export { buildFixtures, REPO_ROOT, EXTENSION_DIR, E2E_DIR, FIXTURES_DIR } from './fixtures.mjs';
export { SITES, HOSTS, serveFixtures, siteUrl } from './sites.mjs';
export { launchWithExtension, SAFEPOST_ID, POLICY_DIR, CHROMIUM } from './browser.mjs';
export { CdpClient, NetworkWatcher, stopServiceWorker, extensionWorkers } from './cdp.mjs';
export {
  openSite, readModel, safepostState, waitForSafePost, typeInto, readHighlights,
  findPierced, clickPierced, startTickProbe, stopTickProbe, pasteText,
} from './page.mjs';
export { withBrowser } from './lifecycle.mjs';
export { flaggedTexts, rectOfText, hoverText, uiButtons, clickUiButton } from './safepost-ui.mjs';
