// vendor.js — The one place third-party browser code is loaded from: the WebJars on the server's classpath.
// The build fills in each version from the parent pom's properties (Maven resource filtering of this file only),
// so upgrading a library is one line in pom.xml. VendorFilesTest fetches every path below.
// It touches no DOM: the Markdown worker (js/markdown-worker.js) imports it as well as the page.

import { Marked } from '/webjars/marked/${marked.version}/lib/marked.esm.js';
import DOMPurify from '/webjars/dompurify/${dompurify.version}/dist/purify.es.mjs';

/**
 * highlight.js is published for browsers as a classic script that defines the global `hljs`:
 * the Markdown worker loads it with importScripts and highlights code blocks there.
 */
export const HLJS_SCRIPT = '/webjars/highlightjs/${highlightjs.version}/highlight.min.js';

/** The highlight.js themes that go with the app's light and dark themes. */
export const HLJS_STYLES = {
  light: '/webjars/highlightjs/${highlightjs.version}/styles/github.min.css',
  dark: '/webjars/highlightjs/${highlightjs.version}/styles/github-dark.min.css',
};

// DOMPurify carries markdown.js's hooks (link targets, class filter): sanitize user text through markdown.js.
export { Marked, DOMPurify };
