// markdown-worker.js — The Markdown worker: turns message text into HTML off the page's main thread, so that no text, however hostile to the parser, can freeze the page (js/markdown-lane.js sends the work, and stops this worker when one text runs over its time budget). A classic worker, not a module one, so that js/markdown-html.js can load highlight.js (a classic script) with importScripts.

/* Protocol. In: first {shortcodes: Map} (the emoji shortcodes, see js/markdown-html.js), then
   {items: [{id, text, inline}]}, processed in order. Out: {ready: true} once loaded and given the
   shortcodes (or {failed: reason}); then, for each item as soon as it is done, {id, html} or
   {id, why} when it is to be shown as typed (see render in js/markdown-html.js). */
let html = null;
let shortcodes = null;
const readyIfSo = () => {
  if (!html || !shortcodes) return;
  html.useShortcodes(shortcodes);
  self.postMessage({ ready: true });
};
self.onmessage = ({ data }) => {
  if (data.shortcodes) { shortcodes = data.shortcodes; readyIfSo(); return; }
  for (const { id, text, inline } of data.items ?? []) self.postMessage({ id, ...html.render(String(text), !!inline) });
};
import('./markdown-html.js').then((module) => { html = module; readyIfSo(); }, (err) => self.postMessage({ failed: String(err) }));
