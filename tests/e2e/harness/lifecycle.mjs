// One-call setup/teardown for a test: fixture server + browser, always closed.
import { startServer } from './server.mjs';
import { HOSTS, serveFixtures } from './sites.mjs';
import { launchWithExtension } from './browser.mjs';

/**
 * Runs `fn({server, browser})` with a fresh fixture server and a browser
 * launched by launchWithExtension(launchOpts), and closes both afterwards,
 * whether fn succeeds or throws.
 */
export async function withBrowser(launchOpts, fn) {
  const server = await startServer({ hosts: HOSTS });
  let browser;
  try {
    await serveFixtures(server);
    browser = await launchWithExtension({ server, ...launchOpts });
    return await fn({ server, browser });
  } finally {
    await browser?.close();
    await server.close();
  }
}
