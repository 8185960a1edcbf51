// The demo page's own script (a stand-in for the social site): example
// posts, Post buttons that "publish" into the list below, Ctrl/Cmd+Enter,
// and an editor added late inside an open shadow root. It knows nothing
// about SafePost except reading the public data-safepost-* attributes for
// the status line. Text is only ever set with textContent/value.
(() => {
  'use strict';
  const EXAMPLES = [
    'pt Maria G, 84F from Bakersfield, came in this morning s/p fall, MRN 00482913. Call her daughter at (661) 555-0142.',
    'Great shift! My patient in room 4, a 93 year old retired teacher, went home today. Email me at nurse.jo@example.org.',
    'Reminder: hand hygiene saves lives.\nOur unit celebrated 100 days without a CLABSI.',
  ];

  function textOf(el) {
    return el.tagName === 'TEXTAREA' ? el.value : el.innerText;
  }

  function insertExample(el, text) {
    el.focus();
    if (el.tagName === 'TEXTAREA') {
      el.select();
    } else {
      const r = document.createRange();
      r.selectNodeContents(el);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
    }
    // Like a paste: the editor's own input path, one undo step.
    document.execCommand('insertText', false, text);
  }

  function publish(el) {
    const text = textOf(el).trim();
    if (!text) return;
    const li = document.createElement('li');
    li.textContent = `${el.id}: ${text}`;
    document.getElementById('posted').appendChild(li);
    if (el.tagName === 'TEXTAREA') el.value = '';
    else el.replaceChildren();
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function byId(id, root = document) {
    return root.getElementById ? root.getElementById(id) : root.querySelector(`#${id}`);
  }

  document.addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (!b) return;
    const root = b.getRootNode();
    const target = byId(b.dataset.target, root) || byId(b.dataset.target);
    if (!target) return;
    if (b.classList.contains('example')) insertExample(target, EXAMPLES[Number(b.dataset.example) || 0]);
    if (b.classList.contains('post')) publish(target);
  });

  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
    const t = e.composedPath()[0];
    if (t && (t.tagName === 'TEXTAREA' || t.isContentEditable)) {
      e.preventDefault();
      publish(t.closest('[id]') || t);
    }
  });

  // An editor that appears late, inside an open shadow root (like Reddit's
  // web components or a modal composer).
  setTimeout(() => {
    const host = document.getElementById('shadow-slot');
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent =
      '.editable{width:100%;box-sizing:border-box;font:16px/1.45 system-ui,sans-serif;padding:8px 10px;border:1px solid #aab4bf;border-radius:8px;min-height:80px}' +
      '.bar{display:flex;justify-content:flex-end;margin-top:8px}button{font:600 14px system-ui;border-radius:16px;padding:6px 14px;border:1px solid #1d9bf0;background:#1d9bf0;color:#fff}';
    const ed = document.createElement('div');
    ed.id = 'compose-shadow';
    ed.className = 'editable';
    ed.contentEditable = 'true';
    ed.setAttribute('role', 'textbox');
    ed.setAttribute('aria-label', 'Post text (shadow root)');
    const bar = document.createElement('div');
    bar.className = 'bar';
    const post = document.createElement('button');
    post.type = 'button';
    post.className = 'post';
    post.dataset.target = 'compose-shadow';
    post.textContent = 'Post';
    post.addEventListener('click', () => publish(ed));
    bar.appendChild(post);
    root.append(style, ed, bar);
  }, 800);

  // Status line from the public test contract attributes.
  const status = document.getElementById('status');
  setInterval(() => {
    const boxes = document.querySelectorAll('[data-safepost-state]');
    if (boxes.length) status.textContent = `SafePost is watching ${boxes.length} box${boxes.length === 1 ? '' : 'es'} on this page (plus any in shadow roots).`;
  }, 1000);
})();
