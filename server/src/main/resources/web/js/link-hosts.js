// link-hosts.js — A link whose text reads as a web address shows where it really goes when that is somewhere else: "[https://bank.example](https://evil.example)" reads "https://bank.example (evil.example)".

import { h } from './dom.js';
import { t } from './i18n.js';

/** Link text that is nothing but an address: optional scheme and user, a host with a dot, optional port and path. */
const ADDRESS = /^(?:[a-z][a-z\d+.-]*:\/\/)?(?:[^\s/?#@]+@)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+\.?(?::\d+)?(?:[/?#]\S*)?$/iu;
const SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;

/** A host as people compare them: the browser's form (lower case, punycode), without "www." or a final dot. */
function comparable(host) {
  return host.replace(/\.$/, '').replace(/^www\./, '');
}

/** The host a link's text names, or null when the text is not an address. */
function hostInText(text) {
  const t = text.trim();
  if (!ADDRESS.test(t)) return null;
  try {
    return new URL(SCHEME.test(t) ? t : `http://${t}`).hostname;
  } catch {
    return null;
  }
}

/** What to show of where a link goes, when its text names another place (or hides a user name); else null. */
function realTarget(a) {
  const text = a.textContent.trim();
  const named = hostInText(text);
  if (!named) return null;
  let url;
  try {
    url = new URL(a.getAttribute('href'));
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') {
    const address = decodeURIComponent(url.pathname);
    return text.replace(/^mailto:/i, '').toLowerCase() === address.toLowerCase() ? null : address;
  }
  if (url.username || url.password) return url.hostname;
  return comparable(named) === comparable(url.hostname) ? null : url.hostname;
}

/** Adds "(real host)" after each link of a sanitized fragment whose text names another host. */
export function showLinkHosts(root) {
  for (const a of root.querySelectorAll('a[href]')) {
    const target = realTarget(a);
    if (!target) continue;
    a.after(' ', h('span', { class: 'link-host', 'data-testid': 'link-host', title: t('link.goes-to', { host: target }) }, `(${target})`));
  }
}
