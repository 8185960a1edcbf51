// SafePost, page-world helper for the photo checks (manifest content script
// with "world": "MAIN", run at document_start). It does one thing: when the
// page opens a file chooser from script on an <input type=file> that the
// isolated-world content script cannot see — an input never attached to the
// document, whose events reach no other node — it hands that element to the
// isolated world, which then listens on the element itself
// (extension/content/photos.js; inputs in shadow roots are found there from
// their composed `input` event).
//
// How: HTMLInputElement.prototype.click and .showPicker are wrapped; before
// the original runs, a 'safepost:file-input' MouseEvent is dispatched on the
// document with the input as `relatedTarget`. DOM nodes are shared between
// worlds (JS objects and CustomEvent details are not), so the isolated world
// receives the same element. The wrapper never changes the call's result,
// arguments or exceptions, reads no page text and runs no page-provided code;
// if anything in it fails, the site's own call still happens.
(() => {
  'use strict';
  // Manifest content scripts run once per document: no global guard (it
  // would be one more trace of SafePost on the page's window).
  const proto = HTMLInputElement.prototype;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const getType = Object.getOwnPropertyDescriptor(proto, 'type').get;
  const isConnected = Object.getOwnPropertyDescriptor(Node.prototype, 'isConnected').get;
  const Mouse = MouseEvent;

  /** Tell the isolated world about a file input it cannot observe. */
  function announce(input) {
    try {
      // Connected inputs (also in shadow roots) are seen by the isolated world.
      if (getType.call(input) !== 'file' || isConnected.call(input)) return;
      dispatch.call(document, new Mouse('safepost:file-input', { relatedTarget: input }));
    } catch (_e) {
      /* never get in the site's way */
    }
  }

  function wrap(name) {
    const original = proto[name];
    if (typeof original !== 'function') return;
    const wrapped = {
      // A method (not an arrow) so `this` is the input; same name and length.
      [name]() {
        announce(this);
        return original.apply(this, arguments);
      },
    }[name];
    Object.defineProperty(proto, name, { value: wrapped, writable: true, configurable: true, enumerable: true });
  }
  wrap('click');
  wrap('showPicker');
})();
