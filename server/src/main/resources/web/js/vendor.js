// vendor.js — The one place third-party browser code is loaded from: the WebJars on the server's classpath.
// The build fills in each version from the parent pom's properties (Maven resource filtering of this file only),
// so upgrading a library is one line in pom.xml. VendorFilesTest fetches every path below.

import { Marked } from '/webjars/marked/${marked.version}/lib/marked.esm.js';
import DOMPurify from '/webjars/dompurify/${dompurify.version}/dist/purify.es.mjs';

/** highlight.js is published for browsers as a classic script that defines the global `hljs`. */
const HLJS_SCRIPT = '/webjars/highlightjs/${highlightjs.version}/highlight.min.js';

/** The highlight.js themes that go with the app's light and dark themes. */
export const HLJS_STYLES = {
  light: '/webjars/highlightjs/${highlightjs.version}/styles/github.min.css',
  dark: '/webjars/highlightjs/${highlightjs.version}/styles/github-dark.min.css',
};

/**
 * The `hljs` global once its script has run (null until then, or if it failed to load). It loads
 * beside the app instead of before it: code blocks shown earlier are highlighted when it arrives.
 */
export let hljs = null;

export const hljsReady = new Promise((resolve) => {
  const script = document.createElement('script');
  script.src = HLJS_SCRIPT;
  script.onload = () => { hljs = globalThis.hljs ?? null; resolve(hljs); };
  script.onerror = () => resolve(null);
  document.head.append(script);
});

// DOMPurify carries markdown.js's hooks (link targets, class filter): sanitize user text through markdown.js.
export { Marked, DOMPurify };
