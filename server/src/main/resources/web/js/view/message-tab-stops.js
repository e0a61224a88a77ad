// view/message-tab-stops.js — Keeps a list of messages one Tab stop: the controls inside messages
// (a name, a link, a reaction, a quote, a file) leave the Tab order, except in the message that has
// the focus, where Tab reaches them in turn before leaving the list. Without it Tab walked through
// every name and link of the room before reaching the composer; the arrow keys walk the messages.

const CONTROLS = 'a[href], button, audio[controls], video[controls], input, select, textarea, summary, [role="button"]';
const ROW = '.msg, .notice';

/** Applies to `list` from now on, messages drawn later included. */
export function oneTabStop(list) {
  let open = null; // the message holding the focus, whose controls are in the Tab order
  const set = (root, index) => {
    const all = root.matches?.(CONTROLS) ? [root, ...root.querySelectorAll(CONTROLS)] : root.querySelectorAll(CONTROLS);
    for (const c of all) if (!c.closest('.msg-editor')) c.tabIndex = index;
  };
  set(list, -1);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1) set(node, open && open.contains(node) ? 0 : -1);
      }
    }
  }).observe(list, { childList: true, subtree: true });
  list.addEventListener('focusin', (e) => {
    const row = e.target.closest(ROW);
    if (row === open) return;
    if (open) set(open, -1);
    open = row;
    if (row) set(row, 0);
  });
  list.addEventListener('focusout', (e) => {
    if (open && !list.contains(e.relatedTarget)) {
      set(open, -1);
      open = null;
    }
  });
}
