// SafePost content script 2/8: what is site-specific, one small adapter per
// site. An adapter says which editable elements are compose boxes, where the
// box's Post button is, whether plain Enter posts (comment boxes), and what a
// reply answers. Everything else is shared. Selectors follow each site's
// public markup as of 2026; when a site changes, the generic fallback still
// watches any sizeable editor and finds "Post"-like buttons near it.
(() => {
  'use strict';
  const NS = (globalThis.__safepostContent ||= {});
  if (NS.sites) return;

  const GENERIC_BUTTON_TEXT = /^(post|post all|reply|reply all|tweet|share|comment|send|publish|submit|save comment)$/i;

  const text = (el) => ((el && (el.getAttribute('aria-label') || el.textContent)) || '').trim();
  const labelOf = (el) => (el.getAttribute('aria-label') || el.getAttribute('placeholder') || '').toLowerCase();

  /** First `[sel]` match's text in `root`, trimmed and capped. */
  function firstText(root, sel) {
    const el = root && root.querySelector(sel);
    return el ? el.textContent.trim().slice(0, 2000) : undefined;
  }

  const ADAPTERS = {
    x: {
      hosts: /(^|\.)(x|twitter)\.com$/,
      compose: '[data-testid^="tweetTextarea_"][contenteditable="true"], [data-testid="dmComposerTextInput"]',
      postButton: '[data-testid="tweetButton"], [data-testid="tweetButtonInline"], [data-testid="dmComposerSendButton"]',
      context(el) {
        const dialog = el.closest('[role="dialog"]');
        const scope = dialog || document;
        const replying = /\/status\/\d+/.test(location.pathname) || /Replying to/i.test((dialog || {}).textContent || '');
        return replying ? { kind: 'reply', reply_to: firstText(scope, '[data-testid="tweetText"]') } : { kind: 'post' };
      },
    },
    threads: {
      hosts: /(^|\.)threads\.(net|com)$/,
      compose: 'div[contenteditable="true"][role="textbox"]',
      buttonText: /^(post|reply)$/i,
      context(el) {
        const dialog = el.closest('[role="dialog"]');
        return /reply/i.test(labelOf(el)) ? { kind: 'reply', reply_to: firstText(dialog, 'span[dir="auto"]') } : { kind: 'post' };
      },
    },
    facebook: {
      hosts: /(^|\.)facebook\.com$/,
      compose: 'div[contenteditable="true"][role="textbox"]',
      postButton: 'div[aria-label="Post"][role="button"], div[aria-label="Comment"][role="button"], div[aria-label="Reply"][role="button"]',
      // Comment and reply boxes post on Enter (Shift+Enter is a new line).
      enterSubmits: (el) => /comment|reply|answer/.test(labelOf(el)),
      context(el) {
        return /comment|reply|answer/.test(labelOf(el)) ? { kind: 'reply' } : { kind: 'post' };
      },
    },
    instagram: {
      hosts: /(^|\.)instagram\.com$/,
      compose: 'div[contenteditable="true"][role="textbox"], textarea[aria-label*="comment" i], textarea[placeholder*="comment" i]',
      buttonText: /^(share|post)$/i,
      enterSubmits: (el) => el.tagName === 'TEXTAREA' && /comment/.test(labelOf(el)),
      context(el) {
        return /comment/.test(labelOf(el)) ? { kind: 'reply' } : { kind: 'post' };
      },
    },
    linkedin: {
      hosts: /(^|\.)linkedin\.com$/,
      compose: '.ql-editor[contenteditable="true"], div[contenteditable="true"][role="textbox"]',
      postButton:
        'button.share-actions__primary-action, button.comments-comment-box__submit-button, button[class*="comments-comment-box__submit-button"], button.msg-form__send-button',
      context(el) {
        return el.closest('.comments-comment-box, .comments-comment-texteditor, [class*="comments-comment-box"]')
          ? { kind: 'reply' }
          : { kind: 'post' };
      },
    },
    tiktok: {
      hosts: /(^|\.)tiktok\.com$/,
      compose: '.public-DraftEditor-content[contenteditable="true"], div[contenteditable="true"][role="combobox"]',
      postButton: '[data-e2e="comment-post"], button[data-e2e="post_video_button"], [data-e2e="post-button"]',
      enterSubmits: (el) => Boolean(el.closest('[class*="CommentInput"], [data-e2e="comment-input"]')),
      context(el) {
        return el.closest('[class*="CommentInput"], [data-e2e="comment-input"]') ? { kind: 'reply' } : { kind: 'post' };
      },
    },
    youtube: {
      hosts: /(^|\.)youtube\.com$/,
      compose: '#contenteditable-root[contenteditable="true"], div#textbox[contenteditable="true"], #contenteditable-root[contenteditable="plaintext-only"]',
      postButton: '#submit-button button, #submit-button, ytd-button-renderer#submit-button, #done-button',
      context(el) {
        return el.closest('ytd-comment-simplebox-renderer, ytd-commentbox, ytd-comment-reply-dialog-renderer')
          ? { kind: 'reply', reply_to: firstText(document, 'h1.ytd-watch-metadata, #title h1') }
          : { kind: 'post' };
      },
    },
    reddit: {
      hosts: /(^|\.)reddit\.com$/,
      compose:
        'div[contenteditable="true"][role="textbox"], textarea[name="title"], textarea[name="text"], textarea[name="body"], shreddit-composer [contenteditable="true"]',
      postButton:
        '#submit-post-button, button[slot="submit-button"], shreddit-composer button[type="submit"], form.usertext button[type="submit"], button[type="submit"]',
      context(el) {
        const inComment = el.closest('shreddit-composer, comment-composer-host, form.usertext, [name="body"]');
        return inComment && !el.closest('[name="title"]') ? { kind: 'reply', reply_to: firstText(document, 'h1') } : { kind: 'post' };
      },
    },
  };

  const GENERIC = {
    compose: '',
    context: () => ({ kind: 'post' }),
  };

  function detectPlatform(hostname) {
    for (const [name, a] of Object.entries(ADAPTERS)) if (a.hosts.test(hostname)) return name;
    return 'generic';
  }

  const platform = detectPlatform(location.hostname);
  const adapter = ADAPTERS[platform] || GENERIC;

  /** Fields that are never posts: search, addresses, passwords, our own UI. */
  function excluded(el) {
    if (el.closest('safepost-ui')) return true;
    const role = (el.getAttribute('role') || '').toLowerCase();
    if (role === 'searchbox' || role === 'search') return true;
    if (el.closest('[role="search"], form[role="search"], [type="search"]')) return true;
    if (/\bsearch\b/.test(labelOf(el))) return true;
    if (el.tagName === 'TEXTAREA' && (el.readOnly || el.disabled)) return true;
    return false;
  }

  /** A sizeable, visible editor: the fallback that keeps SafePost useful
   *  when a site's markup moves. */
  function looksLikeComposeBox(el) {
    if (el.tagName === 'TEXTAREA') return true;
    if (!el.isContentEditable) return false;
    const role = (el.getAttribute('role') || '').toLowerCase();
    if (role === 'textbox' || role === 'combobox' || el.getAttribute('aria-multiline') === 'true') return true;
    const r = el.getBoundingClientRect();
    return r.width >= 120 && r.height >= 16;
  }

  function isComposeBox(el) {
    if (!el || el.nodeType !== 1 || excluded(el)) return false;
    if (adapter.compose && el.matches(adapter.compose)) return true;
    return looksLikeComposeBox(el);
  }

  function isButtonLike(el) {
    return el.matches('button, [role="button"], input[type="submit"]');
  }

  function buttonMatches(el) {
    if (!isButtonLike(el)) return false;
    if (adapter.postButton && el.matches(adapter.postButton)) return true;
    const t = text(el);
    if (adapter.buttonText && adapter.buttonText.test(t)) return true;
    return GENERIC_BUTTON_TEXT.test(t);
  }

  /** The Post button for a compose box: the nearest matching button in the
   *  smallest ancestor that has one (a form or composer container). */
  function postButtonFor(box) {
    let node = box;
    for (let depth = 0; node && depth < 14; depth++) {
      // Up through shadow roots too: a root can be searched, then its host.
      node = node instanceof ShadowRoot ? node.host : node.parentNode;
      if (!node || node.nodeType === 9) break;
      if (adapter.postButton) {
        const b = node.querySelector(adapter.postButton);
        if (b) return b;
      }
      for (const b of node.querySelectorAll('button, [role="button"], input[type="submit"]')) {
        if (buttonMatches(b)) return b;
      }
      if (node.nodeType === 1 && (node.tagName === 'FORM' || node.getAttribute('role') === 'dialog')) break;
    }
    return null;
  }

  /** Is `el` (the click target) on a Post button? Returns the button. */
  function postButtonAt(el) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      if (buttonMatches(n)) return n;
    }
    return null;
  }

  function contextFor(box) {
    try {
      const c = (adapter.context || GENERIC.context)(box) || {};
      return { platform, kind: c.kind || 'post', reply_to: c.reply_to || undefined };
    } catch (_e) {
      return { platform, kind: 'post' };
    }
  }

  function enterSubmits(box) {
    try {
      return Boolean(adapter.enterSubmits && adapter.enterSubmits(box));
    } catch (_e) {
      return false;
    }
  }

  NS.sites = { platform, adapter, ADAPTERS, isComposeBox, postButtonFor, postButtonAt, contextFor, enterSubmits, detectPlatform };
})();
