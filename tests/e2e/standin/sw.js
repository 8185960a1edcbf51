// Stand-in service worker (tests of the harness only): "finds" MRN-like
// numbers with a regex and answers over the content script's port.
// Listeners are registered synchronously so a woken worker gets the first message.
chrome.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener((msg) => {
    if (msg.type !== 'text.analyze') return;
    const findings = [];
    for (const m of msg.text.matchAll(/\bMRN:?\s*\d{6,}|\b\d{3}-\d{3}-\d{4}\b/g)) {
      findings.push({ category: 'mrn', severity: 'absolute', start_utf16: m.index, end_utf16: m.index + m[0].length,
        message: 'medical record number', suggestion: '[record number removed]' });
    }
    port.postMessage({ type: 'text.result', id: msg.id, findings });
  });
});

// Deliberate leak, only when a page asks for it (harness self-test: proves the
// CDP network watcher sees requests made by an extension's service worker).
chrome.runtime.onMessage.addListener((msg, _sender, reply) => {
  if (msg?.type === 'standin.leak') fetch('https://example.org/leak-from-worker').catch(() => {}).finally(() => reply({ ok: true }));
  return true;
});
