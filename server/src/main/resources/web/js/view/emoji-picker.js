// view/emoji-picker.js — The emoji panel: category tabs, search by name and shortcode, skin tone, recently used; arrow keys across the grid; a bottom sheet on phones.

import { h, icon } from '../dom.js';
import { t } from '../i18n.js';
import { loadEmoji, searchEmoji, withTone, entryOf, TONE_NAMES } from '../emoji/data.js';
import { preferredTone, setPreferredTone, recentEmoji, rememberEmoji } from '../emoji/prefs.js';

const COLUMNS = 8;
const SEARCH_LIMIT = 96;
const SHEET = '(max-width: 600px)';
const CLOCK = ['M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18z', 'M12 7v5l3.5 2'];
const RECENT = t('emoji.recent');

/** The open picker's close(): one picker at a time. */
let closeOpen = null;
let uid = 0;

/**
 * Opens the panel next to `anchorElement` (or as a bottom sheet on a narrow screen).
 * `onPick(char, entry)` gets the chosen emoji, with the remembered skin tone applied, after the
 * panel closes; `onClose()` is told whenever it closes. Returns close().
 */
export function openEmojiPicker(anchorElement, { onPick, title = t('react.emoji'), onClose } = {}) {
  closeOpen?.({ restoreFocus: false });
  const id = `ep${++uid}`;
  const sheet = window.matchMedia(SHEET).matches;
  let tone = preferredTone();
  let data = null;
  const cellEntry = new WeakMap();

  const search = h('input', {
    type: 'search', class: 'ep-search', placeholder: t('emoji.search'), autocomplete: 'off', spellcheck: 'false',
    'aria-label': t('emoji.search-label'), 'aria-controls': `${id}-body`, 'data-testid': 'emoji-search',
  });
  const tones = h('div', { class: 'ep-tones', role: 'radiogroup', 'aria-label': t('emoji.skin-tone') },
    TONE_NAMES.map((name, i) => h('button', {
      type: 'button', role: 'radio', class: `ep-tone tone-${i}`, title: t('emoji.tone', { name: t(`emoji.tone-${i}`) }),
      'aria-label': t('emoji.tone', { name: t(`emoji.tone-${i}`) }), 'aria-checked': String(i === tone), tabindex: i === tone ? '0' : '-1',
      'data-testid': 'emoji-tone', dataset: { tone: i },
    })));
  const tabs = h('nav', { class: 'ep-tabs', 'aria-label': t('emoji.categories') });
  const body = h('div', { class: 'ep-body', id: `${id}-body` }, h('p', { class: 'ep-empty' }, t('emoji.loading')));
  const status = h('p', { class: 'ep-status', role: 'status', 'aria-live': 'polite' });
  const preview = h('div', { class: 'ep-preview', 'aria-hidden': 'true' });
  const panel = h('div', {
    class: `emoji-picker${sheet ? ' sheet' : ''}`, role: 'dialog', 'aria-label': title, tabindex: '-1', 'data-testid': 'emoji-picker',
  }, h('div', { class: 'ep-head' }, search, tones), tabs, body, status, preview);
  const scrim = sheet ? h('div', { class: 'ep-scrim', 'aria-hidden': 'true' }) : null;
  if (scrim) document.body.append(scrim);
  document.body.append(panel);

  // ---- building the grid ----

  function cell(entry) {
    const button = h('button', {
      type: 'button', role: 'gridcell', class: 'ep-cell', tabindex: '-1', title: entry.name, 'aria-label': entry.name,
      'data-testid': 'emoji-cell', dataset: entry.tones ? { tones: '' } : null,
    }, withTone(entry, tone));
    cellEntry.set(button, entry);
    return button;
  }

  function section(name, entries, extra = {}) {
    const headingId = `${id}-h${body.children.length}`;
    const rows = [];
    for (let i = 0; i < entries.length; i += COLUMNS) {
      rows.push(h('div', { role: 'row', class: 'ep-row' }, entries.slice(i, i + COLUMNS).map(cell)));
    }
    return h('section', { class: 'ep-section', ...extra },
      h('h3', { class: 'ep-heading', id: headingId }, name),
      h('div', { role: 'grid', class: 'ep-grid', 'aria-labelledby': headingId }, rows));
  }

  const groupSections = [];
  let results = null;

  function build(loaded) {
    data = loaded;
    body.replaceChildren();
    const recent = recentEmoji().map((c) => entryOf(data, c)).filter(Boolean);
    const groups = [{ name: RECENT, emoji: recent }, ...data.groups];
    for (const group of groups) {
      if (!group.emoji.length) continue;
      const s = section(group.name, group.emoji, { 'data-testid': group.name === RECENT ? 'emoji-recent' : 'emoji-group', dataset: { group: group.name } });
      groupSections.push(s);
      body.append(s);
      const face = group.name === RECENT ? icon(CLOCK, 'icon ep-tab-icon') : h('span', { 'aria-hidden': 'true' }, group.emoji[0].char);
      tabs.append(h('button', {
        type: 'button', class: 'ep-tab', title: group.name, 'aria-label': group.name, 'data-testid': 'emoji-tab',
        dataset: { group: group.name }, onclick: () => showGroup(s),
      }, face));
    }
    setActive(firstCell(), false);
    spy();
    place();
  }

  function showGroup(s) {
    if (search.value) { search.value = ''; runSearch(); }
    body.scrollTop = s.offsetTop;
    spy();
    setActive(s.querySelector('.ep-cell'), false);
  }

  function runSearch() {
    if (!data) return;
    const q = search.value.trim();
    results?.remove();
    results = null;
    for (const s of groupSections) s.hidden = !!q;
    tabs.classList.toggle('searching', !!q);
    if (!q) { status.textContent = ''; setActive(firstCell(), false); return; }
    const found = searchEmoji(data, q, SEARCH_LIMIT);
    status.textContent = found.length ? t(found.length === SEARCH_LIMIT ? 'emoji.found-many' : 'emoji.found', { count: found.length }) : t('emoji.none', { q });
    if (found.length) {
      results = section(t('page.search-results'), found, { 'data-testid': 'emoji-results' });
      body.prepend(results);
    }
    body.scrollTop = 0;
    setActive(firstCell(), false);
  }

  // ---- focus and keys: one cell is in the tab order (roving tabindex) ----

  let active = null;
  function setActive(button, focus = true) {
    if (active) active.tabIndex = -1;
    active = button || null;
    if (!active) return;
    active.tabIndex = 0;
    if (focus) { active.focus({ preventScroll: true }); active.scrollIntoView({ block: 'nearest' }); }
    showPreview(active);
  }

  const visibleRows = () => [...body.querySelectorAll('.ep-section:not([hidden]) .ep-row')];
  const firstCell = () => body.querySelector('.ep-section:not([hidden]) .ep-cell');

  function move(from, key) {
    const rows = visibleRows();
    const row = from.parentElement;
    const r = rows.indexOf(row);
    const cells = [...row.children];
    const c = cells.indexOf(from);
    const at = (ri, ci) => { const rr = rows[ri]; return rr ? rr.children[Math.min(ci, rr.children.length - 1)] : null; };
    switch (key) {
      case 'ArrowRight': return cells[c + 1] || at(r + 1, 0);
      case 'ArrowLeft': return cells[c - 1] || (rows[r - 1] ? rows[r - 1].lastElementChild : null);
      case 'ArrowDown': return at(r + 1, c);
      case 'ArrowUp': return r === 0 ? search : at(r - 1, c);
      case 'Home': return cells[0];
      case 'End': return cells[cells.length - 1];
      case 'PageDown': return at(Math.min(r + 5, rows.length - 1), c);
      case 'PageUp': return at(Math.max(r - 5, 0), c);
      default: return undefined;
    }
  }

  body.addEventListener('keydown', (e) => {
    const from = e.target.closest?.('.ep-cell');
    if (!from) return;
    const to = move(from, e.key);
    if (to === undefined) {
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== ' ') search.focus();
      return;
    }
    e.preventDefault();
    if (to === search) search.focus();
    else if (to) setActive(to);
  });

  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && firstCell()) { e.preventDefault(); setActive(firstCell()); }
    if (e.key === 'Enter') {
      e.preventDefault();
      const first = results?.querySelector('.ep-cell');
      if (first) pick(first);
    }
  });

  tones.addEventListener('click', (e) => {
    const button = e.target.closest('.ep-tone');
    if (button) chooseTone(Number(button.dataset.tone));
  });
  tones.addEventListener('keydown', (e) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    if (!step) return;
    e.preventDefault();
    chooseTone((tone + step + TONE_NAMES.length) % TONE_NAMES.length);
    tones.children[tone].focus();
  });

  function chooseTone(next) {
    tone = next;
    setPreferredTone(tone);
    [...tones.children].forEach((b, i) => { b.setAttribute('aria-checked', String(i === tone)); b.tabIndex = i === tone ? 0 : -1; });
    for (const b of body.querySelectorAll('.ep-cell[data-tones]')) b.textContent = withTone(cellEntry.get(b), tone);
    if (active) showPreview(active);
  }

  body.addEventListener('click', (e) => {
    const button = e.target.closest('.ep-cell');
    if (button) pick(button);
  });
  body.addEventListener('focusin', (e) => { if (e.target.classList?.contains('ep-cell')) setActive(e.target, false); });
  body.addEventListener('mouseover', (e) => { const b = e.target.closest?.('.ep-cell'); if (b) showPreview(b); });

  function showPreview(button) {
    const entry = cellEntry.get(button);
    if (!entry) return;
    preview.replaceChildren(
      h('span', { class: 'ep-preview-char' }, withTone(entry, tone)),
      h('span', { class: 'ep-preview-text' },
        h('span', { class: 'ep-preview-name' }, entry.name),
        entry.shortcodes.length ? h('span', { class: 'ep-preview-code' }, `:${entry.shortcodes[0]}:`) : null));
  }

  function pick(button) {
    const entry = cellEntry.get(button);
    if (!entry) return;
    const char = withTone(entry, tone);
    rememberEmoji(entry.char);
    close();
    onPick?.(char, entry);
  }

  // ---- tabs follow the scroll ----

  let spyQueued = false;
  function spy() {
    spyQueued = false;
    const top = body.scrollTop + 4;
    let current = groupSections.find((s) => !s.hidden);
    for (const s of groupSections) if (!s.hidden && s.offsetTop <= top) current = s;
    for (const t of tabs.children) t.setAttribute('aria-current', String(t.dataset.group === current?.dataset.group));
  }
  body.addEventListener('scroll', () => { if (!spyQueued) { spyQueued = true; requestAnimationFrame(spy); } }, { passive: true });

  // ---- placement, closing ----

  function place() {
    if (sheet) return;
    const r = anchorElement.getBoundingClientRect();
    const w = panel.offsetWidth;
    const ph = panel.offsetHeight;
    let top = r.top - ph - 8;
    if (top < 8) top = Math.min(r.bottom + 8, window.innerHeight - ph - 8);
    panel.style.top = `${Math.max(8, top)}px`;
    panel.style.left = `${Math.max(8, Math.min(r.left, window.innerWidth - w - 8))}px`;
  }

  const onOutside = (e) => {
    if (!panel.contains(e.target) && !anchorElement.contains(e.target)) close({ restoreFocus: false });
  };
  const onKey = (e) => {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); }
  };
  panel.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onOutside, true);
  window.addEventListener('resize', place);

  let closed = false;
  function close({ restoreFocus = true } = {}) {
    if (closed) return;
    closed = true;
    if (closeOpen === close) closeOpen = null;
    document.removeEventListener('pointerdown', onOutside, true);
    window.removeEventListener('resize', place);
    panel.remove();
    scrim?.remove();
    if (restoreFocus) anchorElement.focus();
    onClose?.();
  }
  closeOpen = close;

  place();
  if (sheet) panel.focus(); else search.focus();
  loadEmoji().then((loaded) => { if (!closed) build(loaded); }, () => {
    if (!closed) body.replaceChildren(h('p', { class: 'ep-empty' }, t('emoji.failed')));
  });
  return close;
}
