// Extra sites to watch (settings.extraSites, from the organisation or the
// user): the same content scripts as the eight social sites, registered at
// run time with chrome.scripting for the patterns this browser has granted.
//
// Why optional host permissions: the manifest asks for no host access
// beyond the social sites' content scripts. An extra site is watched only
// once access to it is granted (the options page asks, with a user
// gesture); until then the options page says it is not yet watched.

const SCRIPT_ID = 'safepost-extra-sites';

/** The content scripts and styles the manifest runs on the social sites. */
function manifestScripts() {
  const cs = chrome.runtime.getManifest().content_scripts?.[0] || {};
  return { js: cs.js || [], css: cs.css || [] };
}

/** The extra-site patterns this browser has granted access to. */
export async function grantedExtraSites(patterns) {
  const granted = [];
  for (const pattern of patterns || []) {
    try {
      if (await chrome.permissions.contains({ origins: [pattern] })) granted.push(pattern);
    } catch (_e) {
      // not a valid match pattern for this browser: settings.js reports it
    }
  }
  return granted;
}

/** Registers (or re-registers) the content scripts for the granted extra sites. */
export async function syncExtraSites(settings) {
  if (!chrome.scripting?.registerContentScripts) return [];
  const matches = await grantedExtraSites(settings?.extraSites);
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (matches.length) {
    const { js, css } = manifestScripts();
    await chrome.scripting.registerContentScripts([
      { id: SCRIPT_ID, matches, js, css, runAt: 'document_idle', allFrames: true, persistAcrossSessions: true },
    ]);
  }
  return matches;
}
