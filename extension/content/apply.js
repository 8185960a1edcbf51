// SafePost content script 7/8: applying a suggested rewrite the way the
// editor expects, so the site's own state and undo stay right.
//  - textarea: select the span, `execCommand('insertText')` (one undo step,
//    a real `input` event); if the browser refuses, setRangeText plus an
//    `input` event.
//  - contenteditable (Draft.js, Lexical, Quill, ProseMirror, plain): select
//    the span with a DOM Range and `execCommand('insertText')`, which fires
//    the `beforeinput`/`input` events the frameworks listen to. Deletion uses
//    `execCommand('delete')`. We never write the editor's DOM ourselves.
(() => {
  'use strict';
  const NS = (globalThis.__safepostContent ||= {});
  if (NS.apply) return;

  function replaceInTextarea(ta, start, end, replacement) {
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(start, end);
    let ok = false;
    try {
      ok = replacement === '' ? document.execCommand('delete') : document.execCommand('insertText', false, replacement);
    } catch (_e) {
      ok = false;
    }
    if (!ok || ta.value.slice(start, start + replacement.length) !== replacement) {
      ta.setRangeText(replacement, start, end, 'end');
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: replacement }));
    }
    return true;
  }

  function selectRange(range) {
    const root = range.startContainer.getRootNode();
    const sel = (root.getSelection && root.getSelection()) || window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    return sel;
  }

  function replaceInEditable(box, range, replacement) {
    box.focus({ preventScroll: true });
    selectRange(range);
    let ok = false;
    try {
      ok = replacement === '' ? document.execCommand('delete') : document.execCommand('insertText', false, replacement);
    } catch (_e) {
      ok = false;
    }
    if (!ok) {
      // Last resort for editors that cancel execCommand but handle beforeinput
      // themselves (Lexical, ProseMirror): an InputEvent they can act on.
      const ev = new InputEvent('beforeinput', {
        bubbles: true,
        cancelable: true,
        composed: true,
        inputType: replacement === '' ? 'deleteContentBackward' : 'insertReplacementText',
        data: replacement,
      });
      box.dispatchEvent(ev);
      ok = ev.defaultPrevented;
    }
    return ok;
  }

  NS.apply = { replaceInTextarea, replaceInEditable, selectRange };
})();
