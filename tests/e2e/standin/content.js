// Stand-in content script (tests of the harness only). Watches textareas and
// contenteditables, asks the worker, writes the data-safepost-* test contract,
// highlights with CSS.highlights and offers "Apply" in a closed shadow root.
(() => {
  let port = null;
  let seq = 0;
  const waiting = new Map();
  const connect = () => {
    port = chrome.runtime.connect({ name: 'safepost' });
    port.onMessage.addListener((m) => { waiting.get(m.id)?.(m); waiting.delete(m.id); });
    port.onDisconnect.addListener(() => { port = null; });
  };
  const request = (msg) => new Promise((resolve) => {
    if (!port) connect();
    const id = ++seq;
    waiting.set(id, resolve);
    port.postMessage({ ...msg, id });
  });
  const host = document.createElement('div');
  const shadow = host.attachShadow({ mode: 'closed' });
  const button = document.createElement('button');
  button.textContent = 'Apply';
  button.style.cssText = 'position:fixed;right:10px;top:10px;display:none';
  shadow.append(button);
  document.documentElement.append(host);
  let current = null;

  const textOf = (el) => (el.tagName === 'TEXTAREA' ? el.value : el.innerText.replace(/\n$/, ''));
  function rangeFor(el, start, end) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let pos = 0; const r = document.createRange(); let setStart = false;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.nodeValue.length;
      if (!setStart && start <= pos + len) { r.setStart(n, start - pos); setStart = true; }
      if (setStart && end <= pos + len) { r.setEnd(n, end - pos); return r; }
      pos += len;
    }
    return null;
  }
  async function analyze(el) {
    const text = textOf(el);
    const reply = await request({ type: 'text.analyze', text });
    if (textOf(el) !== text) return;
    const f = reply.findings;
    el.setAttribute('data-safepost-findings', String(f.length));
    el.setAttribute('data-safepost-state', f.length ? 'absolute' : 'clean');
    if (el.tagName !== 'TEXTAREA') {
      const ranges = f.map((x) => rangeFor(el, x.start_utf16, x.end_utf16)).filter(Boolean);
      CSS.highlights.set('safepost-standin', new Highlight(...ranges));
    }
    current = f.length ? { el, finding: f[0] } : null;
    button.style.display = current ? 'block' : 'none';
  }
  button.addEventListener('mousedown', (e) => e.preventDefault());
  button.addEventListener('click', () => {
    if (!current) return;
    const { el, finding } = current;
    el.focus();
    if (el.tagName === 'TEXTAREA') el.setSelectionRange(finding.start_utf16, finding.end_utf16);
    else { const r = rangeFor(el, finding.start_utf16, finding.end_utf16); const s = getSelection(); s.removeAllRanges(); s.addRange(r); }
    document.execCommand('insertText', false, finding.suggestion);
  });
  const timers = new WeakMap();
  const schedule = (el) => {
    clearTimeout(timers.get(el));
    timers.set(el, setTimeout(() => analyze(el), 30));
  };
  document.addEventListener('input', (e) => {
    const el = e.target.closest?.('textarea, [contenteditable]');
    if (el) schedule(el);
  }, true);
  // Editors that render text themselves (Draft, Lexical) fire no input event for pastes.
  new MutationObserver((records) => {
    for (const r of records) {
      const n = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const el = n?.closest?.('[contenteditable="true"]');
      if (el) schedule(el.parentElement?.closest('[contenteditable="true"]') ?? el);
    }
  }).observe(document.documentElement, { childList: true, characterData: true, subtree: true });
  // Deliberate leak for the harness self-test, only on pages whose URL asks for it.
  if (location.hash === '#standin-leak') {
    fetch('https://example.org/leak-from-content-script').catch(() => {});
    chrome.runtime.sendMessage({ type: 'standin.leak' });
  }
})();
