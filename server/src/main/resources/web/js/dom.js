// dom.js — Builds elements without ever parsing HTML, so user text can only ever become text.

/**
 * h('li', {class: 'x', dataset: {room}, onclick}, child, 'text', ...) → element.
 * Strings become text nodes; attribute names always come from our code, values may be user text.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'style') Object.assign(el.style, value);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** An inline SVG icon from a list of path strings (our own constants, never user input). */
export function icon(paths, className = 'icon') {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', className);
  for (const d of paths) {
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', d);
    svg.append(p);
  }
  return svg;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/**
 * Puts `children` in `parent` in that order, keeping each current child that is equal to its
 * replacement (same tag, attributes and text). Lists that are re-rendered whenever anything
 * changes (rooms, people, the directory) use it so that the node under the pointer or the focus
 * stays when it did not change: a click whose press and release straddle a re-render still
 * lands, and a hover does not flicker. Only for lists whose listeners are delegated to `parent`.
 */
export function patchChildren(parent, children) {
  const unused = new Map();
  for (const node of parent.children) {
    const key = node.outerHTML;
    const same = unused.get(key);
    if (same) same.push(node); else unused.set(key, [node]);
  }
  const nodes = children.map((child) => unused.get(child.outerHTML)?.shift() || child);
  // Moving a node loses a click as surely as replacing it: drop what goes first, so that the
  // nodes kept in their order are never moved, only new ones put between them.
  for (const left of unused.values()) left.forEach((node) => node.remove());
  nodes.forEach((node, i) => {
    const at = parent.children[i];
    if (at !== node) parent.insertBefore(node, at || null);
  });
}
