// markdown-worker.js — The Markdown worker: turns message text into HTML off the page's main thread, so that no text, however hostile to the parser, can freeze the page (js/markdown-lane.js sends the work, and stops this worker when one text runs over its time budget). A classic worker, not a module one, so that js/markdown-html.js can load highlight.js (a classic script) with importScripts.

/* Protocol. In: {items: [{id, text, inline}]}, processed in order. Out: {ready: true} once loaded
   (or {failed: reason}); then, for each item as soon as it is done, {id, html} or {id, why} when
   it is to be shown as typed (see render in js/markdown-html.js). */
import('./markdown-html.js').then(({ render }) => {
  self.onmessage = ({ data }) => {
    for (const { id, text, inline } of data.items ?? []) self.postMessage({ id, ...render(String(text), !!inline) });
  };
  self.postMessage({ ready: true });
}, (err) => self.postMessage({ failed: String(err) }));
