// SafePost content script 6/8: the badge by each box, the warning card, and
// the pre-posting confirmation. Words are the clinician's: "absolute
// contraindication" for HIPAA Safe Harbor identifiers, "relative
// contraindication" for what identifies only in combination or is personal
// advice. Keyboard and screen-reader friendly: the badge is a button, the
// card takes focus when opened from the badge, Escape closes it, and new
// absolute findings are announced in a live region.
(() => {
  'use strict';
  const NS = (globalThis.__safepostContent ||= {});
  if (NS.cards) return;
  const { layerFor, origin, el } = NS.host;

  const TITLES = {
    name: 'Name', location: 'Place smaller than a state', date: 'Date tied to a person', age: 'Age',
    phone: 'Phone number', fax: 'Fax number', email: 'Email address', url: 'Web address', ip: 'IP address',
    handle: 'Social media handle', ssn: 'Social Security number', mrn: 'Medical record number',
    health_plan: 'Health plan number', account: 'Account number', license: 'Licence or certificate number',
    vehicle: 'Vehicle identifier', device: 'Device identifier', biometric: 'Biometric identifier',
    other_id: 'Identifying number or code', patient_story: 'Identifiable patient story',
    personal_advice: 'Personal medical advice', photo_face: 'Face in a photo', photo_location: 'Location hidden in a photo',
    photo_metadata: 'Details hidden in a photo', photo_clinical: 'Clinical image', photo_dicom: 'Medical image with patient data',
    photo_unreadable: 'Photo could not be checked',
  };

  const SEVERITY_WORDS = {
    absolute: 'Absolute contraindication — a HIPAA Safe Harbor identifier. Do not post it.',
    relative: 'Relative contraindication — think twice before posting.',
  };

  function titleOf(f) {
    return TITLES[f.category] || f.label || String(f.category || 'Finding').replace(/_/g, ' ');
  }

  /** Why it identifies: the Safe Harbor category, or the parts that combine. */
  function whyOf(f) {
    if ((f.parts && f.parts.length) || f.category === 'patient_story') {
      const parts = (f.parts || []).join(' + ');
      return parts ? `Identifiable when combined: ${parts}.` : 'Identifiable when combined with other details.';
    }
    if (f.category === 'personal_advice') return 'Individual medical advice to one person: it creates a care relationship you cannot follow up online.';
    const label = f.label || f.category;
    return f.severity === 'absolute' ? `HIPAA Safe Harbor identifier: ${label}.` : `Can identify a patient: ${label}.`;
  }

  function summaryText(counts) {
    const parts = [];
    if (counts.absolute) parts.push(`${counts.absolute} identifier${counts.absolute === 1 ? '' : 's'}`);
    if (counts.relative) parts.push(`${counts.relative} to review`);
    return parts.join(' · ');
  }

  // ---- badge ----

  class Badge {
    constructor(box, onOpen) {
      this.box = box;
      this.button = null;
      this.onOpen = onOpen;
    }
    update(state, counts, reason) {
      if (state === 'clean' || state === 'idle') {
        if (this.button) this.button.hidden = true;
        return;
      }
      const h = layerFor(this.box);
      if (!this.button || !this.button.isConnected) {
        this.button = el('button', 'badge');
        this.button.type = 'button';
        this.button.addEventListener('click', () => this.onOpen(this.button));
        h.layer.appendChild(this.button);
      }
      const b = this.button;
      b.hidden = false;
      b.className = `badge ${state}`;
      b.replaceChildren(el('span', 'dot'), el('span', '', state === 'unavailable' ? 'SafePost check unavailable' : summaryText(counts)));
      const sev = state === 'absolute' ? 'absolute contraindication' : state === 'relative' ? 'relative contraindication' : '';
      b.setAttribute(
        'aria-label',
        state === 'unavailable'
          ? `SafePost check unavailable${reason ? `: ${reason}` : ''}. Review the post yourself.`
          : `SafePost: ${summaryText(counts)}, worst: ${sev}. Show details`,
      );
      b.title = state === 'unavailable' ? `SafePost check unavailable${reason ? ` (${reason})` : ''}` : 'SafePost: show what was found (Alt+Shift+S from the box)';
      this.position();
    }
    position() {
      const b = this.button;
      if (!b || b.hidden) return;
      const h = layerFor(this.box);
      const r = this.box.getBoundingClientRect();
      const o = origin(h);
      const visible = r.width > 0 && r.height > 0;
      b.style.visibility = visible ? '' : 'hidden';
      const w = b.offsetWidth || 120;
      const bh = b.offsetHeight || 20;
      const left = Math.max(0, r.right - w - 6);
      const top = r.height > bh + 8 ? r.bottom - bh - 4 : r.bottom + 2;
      b.style.left = `${left - o.x}px`;
      b.style.top = `${top - o.y}px`;
    }
    destroy() {
      if (this.button) this.button.remove();
      this.button = null;
    }
  }

  // ---- card ----

  let openCard = null; // {card, anchorBox, hover, close}

  function closeCard() {
    if (!openCard) return;
    const { card, restoreFocus } = openCard;
    openCard = null;
    card.remove();
    if (restoreFocus && restoreFocus.isConnected) {
      try {
        restoreFocus.focus({ preventScroll: true });
      } catch (_e) {
        // nothing to refocus
      }
    }
  }

  /**
   * Show the warning card near `anchorRect` (client coordinates) for `box`.
   * `findings` are shown one item each with their `actions`
   * ([{label, run, primary}] per finding, from `actionsFor(finding)`), or
   * the shared `actions` for the whole card.
   */
  function showCard(box, anchorRect, { title, findings = [], actions = [], actionsFor, note, focus = false, hover = false, above = false, kind = 'card', role = 'dialog', extra }) {
    closeCard();
    const h = layerFor(box);
    const card = el('div', 'card');
    card.setAttribute('role', role);
    card.setAttribute('aria-label', title || 'SafePost warning');
    card.tabIndex = -1;
    const close = el('button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => closeCard());
    card.appendChild(close);
    if (title) card.appendChild(el('h2', '', title));
    if (note) card.appendChild(el('p', 'msg', note));
    for (const f of findings) {
      const item = el('div', 'item');
      const head = el('div');
      head.appendChild(el('strong', '', titleOf(f)));
      if (f.text) {
        head.appendChild(document.createTextNode(': '));
        head.appendChild(el('span', 'quote', f.text.length > 80 ? `${f.text.slice(0, 77)}…` : f.text));
      }
      item.appendChild(head);
      const sev = f.severity === 'absolute' ? 'absolute' : 'relative';
      item.appendChild(el('p', `sev ${sev}`, SEVERITY_WORDS[sev]));
      item.appendChild(el('p', 'why', whyOf(f)));
      if (f.message) item.appendChild(el('p', 'msg', f.message));
      const acts = actionsFor ? actionsFor(f) : [];
      if (acts.length) {
        const row = el('div', 'actions');
        for (const a of acts) row.appendChild(actionButton(a));
        item.appendChild(row);
      }
      card.appendChild(item);
    }
    if (extra) card.appendChild(extra);
    if (actions.length) {
      const row = el('div', 'actions');
      for (const a of actions) row.appendChild(actionButton(a));
      card.appendChild(row);
    }
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeCard();
      }
    });
    h.layer.appendChild(card);
    const o = origin(h);
    const cw = card.offsetWidth || 340;
    const ch = card.offsetHeight || 120;
    let left = Math.min(Math.max(4, anchorRect.left), window.innerWidth - cw - 8);
    let top = anchorRect.bottom + 6;
    const fitsAbove = anchorRect.top - ch - 6 > 0;
    if ((above && fitsAbove) || (top + ch > window.innerHeight - 4 && fitsAbove)) top = anchorRect.top - ch - 6;
    card.style.left = `${left - o.x}px`;
    card.style.top = `${top - o.y}px`;
    const active = deepActiveElement();
    openCard = { card, box, hover, kind, restoreFocus: focus ? active : null };
    if (hover) {
      card.addEventListener('mouseenter', () => {
        if (openCard && openCard.card === card) openCard.hover = false; // stays while the pointer is on it
      });
    }
    if (focus) {
      const first = card.querySelector('.actions button') || card;
      first.focus({ preventScroll: true });
    }
    return card;
  }

  function actionButton(a) {
    const b = el('button', a.primary ? 'primary' : '', a.label);
    b.type = 'button';
    b.addEventListener('click', async () => {
      closeCard();
      try {
        await a.run();
      } catch (e) {
        console.warn('SafePost: action failed', e);
      }
    });
    return b;
  }

  function deepActiveElement() {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a;
  }

  // Close on outside press; a hover card closes when the pointer leaves it.
  document.addEventListener(
    'pointerdown',
    (e) => {
      if (!openCard) return;
      const path = e.composedPath();
      if (path.some((n) => n && n.tagName === 'SAFEPOST-UI')) return;
      closeCard();
    },
    true,
  );

  // ---- posting blocked by the organisation ----

  /** Non-modal notice by the box (above it, clear of the Post button): the
   *  post was stopped, why, and who to ask. Closes when they edit the box. */
  function showBlocked(box, { findings, orgName, supportUrl }) {
    const who = orgName || 'Your organisation';
    const extra = el('div');
    if (supportUrl) {
      const p = el('p', 'msg', 'Questions: ');
      if (/^https:\/\//i.test(supportUrl) || /^mailto:/i.test(supportUrl)) {
        const a = el('a', '', supportUrl);
        a.href = supportUrl;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        p.appendChild(a);
      } else p.appendChild(document.createTextNode(supportUrl));
      extra.appendChild(p);
    }
    const abs = findings.filter((f) => f.severity === 'absolute').length;
    return showCard(box, box.getBoundingClientRect(), {
      title: 'Posting is blocked',
      note: `${who} does not allow posting while SafePost finds patient identifiers${abs ? ` (${abs} remain)` : ''}. Remove or rewrite them, then post again.`,
      findings,
      extra,
      actions: [{ label: 'OK, edit the post', primary: true, run: () => {} }],
      focus: true,
      above: true,
      kind: 'blocked',
      role: 'alertdialog',
    });
  }

  let dialogOpen = false;

  // ---- confirmation before posting ----

  /**
   * A modal review step. `mode` 'confirm': resolves true when they choose
   * "Post anyway". 'block': explains who blocked it and resolves false.
   */
  function confirmPost(box, { mode, findings, orgName, supportUrl, unavailable }) {
    return new Promise((resolve) => {
      dialogOpen = true;
      closeCard();
      const h = layerFor(box);
      const previous = deepActiveElement();
      const scrim = el('div', 'scrim');
      const dialog = el('div', 'dialog');
      dialog.setAttribute('role', 'alertdialog');
      dialog.setAttribute('aria-modal', 'true');
      const heading =
        mode === 'block'
          ? 'Posting is blocked'
          : unavailable
            ? 'SafePost could not check this post'
            : 'Review before posting';
      const hid = `safepost-dialog-${Date.now()}`;
      const title = el('h2', '', heading);
      title.id = hid;
      dialog.setAttribute('aria-labelledby', hid);
      dialog.appendChild(title);
      const absolute = findings.filter((f) => f.severity === 'absolute');
      if (unavailable) {
        dialog.appendChild(el('p', '', 'SafePost check unavailable: it could not confirm this post is free of patient identifiers. Read it again before posting.'));
      } else {
        dialog.appendChild(
          el(
            'p',
            '',
            absolute.length
              ? `This post still contains ${absolute.length} patient identifier${absolute.length === 1 ? '' : 's'} (absolute contraindication${absolute.length === 1 ? '' : 's'}):`
              : 'This post still has findings to review (relative contraindications):',
          ),
        );
        const list = el('ul');
        for (const f of findings.slice(0, 8)) {
          const li = el('li', '', `${titleOf(f)}${f.text ? `: “${f.text.slice(0, 60)}”` : ''}`);
          list.appendChild(li);
        }
        dialog.appendChild(list);
      }
      if (mode === 'block') {
        const who = orgName ? orgName : 'Your organisation';
        dialog.appendChild(el('p', '', `${who} does not allow posting while SafePost finds patient identifiers. Remove or rewrite them, then post again.`));
        if (supportUrl) {
          const p = el('p', '', 'Questions: ');
          if (/^https:\/\//i.test(supportUrl) || /^mailto:/i.test(supportUrl)) {
            const a = el('a', '', supportUrl);
            a.href = supportUrl;
            a.target = '_blank';
            a.rel = 'noopener noreferrer';
            p.appendChild(a);
          } else p.appendChild(document.createTextNode(supportUrl));
          dialog.appendChild(p);
        }
      }
      const row = el('div', 'actions');
      const done = (result) => {
        dialogOpen = false;
        scrim.remove();
        dialog.remove();
        if (previous && previous.isConnected) {
          try {
            previous.focus({ preventScroll: true });
          } catch (_e) {
            // nothing to refocus
          }
        }
        resolve(result);
      };
      const back = el('button', 'primary', mode === 'block' ? 'OK, edit the post' : 'Go back and edit');
      back.type = 'button';
      back.addEventListener('click', () => done(false));
      row.appendChild(back);
      if (mode !== 'block') {
        const anyway = el('button', '', 'Post anyway');
        anyway.type = 'button';
        anyway.addEventListener('click', () => done(true));
        row.appendChild(anyway);
      }
      dialog.appendChild(row);
      dialog.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          done(false);
        } else if (e.key === 'Tab') {
          // keep focus inside the dialog
          const buttons = [...dialog.querySelectorAll('button, a[href]')];
          const i = buttons.indexOf(h.root.activeElement);
          if (buttons.length) {
            e.preventDefault();
            buttons[(i + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length].focus();
          }
        }
      });
      scrim.addEventListener('click', () => done(false));
      h.layer.append(scrim, dialog);
      back.focus();
    });
  }

  NS.cards = { Badge, showCard, closeCard, confirmPost, showBlocked, isDialogOpen: () => dialogOpen, titleOf, whyOf, summaryText, isCardOpen: () => openCard, SEVERITY_WORDS };
})();
