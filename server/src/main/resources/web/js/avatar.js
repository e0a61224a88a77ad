// avatar.js — Draws a user's avatar: their chosen emoji, or initials on a colour derived from their id.

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

/** True for a value we can show as an emoji avatar; anything else (absent, a key) is generated. */
export function isEmojiAvatar(avatar) {
  return typeof avatar === 'string' && avatar.length > 0 && avatar.length <= 16 && PICTOGRAPHIC.test(avatar);
}

/** FNV-1a over the UTF-16 units: stable across sessions and browsers. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function avatarColor(seed) {
  const hue = hash(String(seed)) % 360;
  return `hsl(${hue} 55% 30%)`; // white initials stay 4.5:1 or more on every hue (WCAG AA)
}

/**
 * Two letters for a generated avatar: the first letters of the first two words, or for one word
 * its first and its last character that differs from the first, so that neighbours such as
 * loadbot1 and loadbot2 ("L1", "L2") or ann and anna do not all read the same.
 */
export function initials(nick) {
  const words = String(nick || '?').trim().split(/\s+/).filter(Boolean);
  if (words.length > 1) return [words[0], words[1]].map((w) => Array.from(w)[0]).join('').toUpperCase();
  const chars = Array.from(words[0] || '?');
  const first = chars[0].toUpperCase();
  const last = chars.slice(1).reverse().find((c) => c.toUpperCase() !== first);
  return first + (last ? last.toUpperCase() : '');
}

/**
 * An avatar element for {id, nick, avatar}. `seed` overrides the colour seed (the login preview
 * has no id yet). Decorative: the name always appears next to it.
 */
export function avatarNode(user, { size = 'md', seed } = {}) {
  const el = document.createElement('span');
  el.className = `avatar avatar-${size}`;
  el.setAttribute('aria-hidden', 'true');
  if (isEmojiAvatar(user?.avatar)) {
    el.classList.add('avatar-emoji');
    el.textContent = user.avatar;
  } else {
    el.classList.add('avatar-generated');
    el.textContent = initials(user?.nick);
    el.style.backgroundColor = avatarColor(seed ?? user?.id ?? user?.nick ?? '');
  }
  return el;
}

/** An avatar with its presence dot: online, away or (anything else) offline. */
export function presenceAvatar(user, status, size = 'md') {
  const wrap = document.createElement('span');
  wrap.className = 'avatar-wrap';
  const dot = document.createElement('span');
  dot.className = `status-dot ${status === 'online' || status === 'away' ? status : 'offline'}`;
  dot.setAttribute('aria-hidden', 'true');
  wrap.append(avatarNode(user, { size }), dot);
  return wrap;
}

/**
 * A group's faces, overlapping: the first `max` people's avatars, then "+N" for the rest.
 * Decorative, like every avatar: the group's name is written beside it.
 */
export function avatarStack(users, size = 'sm', max = 3) {
  const wrap = document.createElement('span');
  wrap.className = `avatar-stack avatar-stack-${size}`;
  wrap.setAttribute('aria-hidden', 'true');
  for (const u of users.slice(0, max)) wrap.append(avatarNode(u, { size }));
  if (users.length > max) {
    const more = document.createElement('span');
    more.className = `avatar avatar-${size} avatar-more`;
    more.textContent = `+${users.length - max}`;
    wrap.append(more);
  }
  return wrap;
}
