// storage.js — The only place that touches localStorage (js/theme-boot.js and js/login-boot.js aside): session, theme, last room, the outbox, emoji and device-cache preferences, and texts too slow to format survive reloads.

const KEYS = {
  token: 'parley.token',
  user: 'parley.user',
  theme: 'parley.theme',
  room: 'parley.room',
  outbox: 'parley.outbox',
  notify: 'parley.notify',
  notifyAsked: 'parley.notifyAsked',
  emojiTone: 'parley.emoji.tone',
  emojiRecent: 'parley.emoji.recent',
  hiddenDirect: 'parley.hiddenDirect',
  keep: 'parley.keepPerRoom',
  slowMarkdown: 'parley.slowMarkdown',
  lang: 'parley.lang',
};

/** Messages kept per room on this device, unless the user chose otherwise (0: none). */
export const KEEP_DEFAULT = 200;
export const KEEP_CHOICES = [0, 50, 200, 500, 1000];

function read(key) {
  try { return localStorage.getItem(key); } catch { return null; }
}

function write(key, value) {
  try {
    if (value == null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch { /* private mode or quota: the app still works for this tab */ }
}

function readJson(key) {
  const raw = read(key);
  if (!raw) return null;
  try { return JSON.parse(raw); } catch { return null; }
}

export const storage = {
  session() {
    const token = read(KEYS.token);
    const user = readJson(KEYS.user);
    return token ? { token, user } : null;
  },
  saveSession(token, user) {
    write(KEYS.token, token);
    write(KEYS.user, JSON.stringify({ id: user.id, nick: user.nick, avatar: user.avatar ?? null }));
  },
  clearSession() {
    for (const key of [KEYS.token, KEYS.user, KEYS.room, KEYS.outbox, KEYS.hiddenDirect]) write(key, null);
  },
  theme: () => read(KEYS.theme) || 'system',
  saveTheme: (theme) => write(KEYS.theme, theme),
  /** The interface language chosen in settings ('en', 'zh-CN'), or null: the browser's. */
  language: () => read(KEYS.lang),
  saveLanguage: (lang) => write(KEYS.lang, lang),
  lastRoom: () => read(KEYS.room),
  saveLastRoom: (room) => write(KEYS.room, room),
  /** Desktop notifications: on unless turned off. */
  notifications: () => read(KEYS.notify) !== 'off',
  saveNotifications: (on) => write(KEYS.notify, on ? 'on' : 'off'),
  /** The one-time "turn on notifications?" question was answered. */
  notifyAsked: () => read(KEYS.notifyAsked) === 'yes',
  saveNotifyAsked: () => write(KEYS.notifyAsked, 'yes'),
  outbox: () => readJson(KEYS.outbox),
  saveOutbox: (value) => write(KEYS.outbox, value ? JSON.stringify(value) : null),
  emojiTone: () => Number(read(KEYS.emojiTone)) || 0,
  saveEmojiTone: (tone) => write(KEYS.emojiTone, tone ? String(tone) : null),
  emojiRecent: () => { const list = readJson(KEYS.emojiRecent); return Array.isArray(list) ? list.filter((e) => typeof e === 'string') : []; },
  saveEmojiRecent: (list) => write(KEYS.emojiRecent, JSON.stringify(list)),
  /** Direct conversations hidden from the sidebar: room name → the last seq when hidden. */
  hiddenDirect: () => { const m = readJson(KEYS.hiddenDirect); return m && typeof m === 'object' ? m : {}; },
  saveHiddenDirect: (map) => write(KEYS.hiddenDirect, Object.keys(map).length ? JSON.stringify(map) : null),
  keepPerRoom: () => { const n = Number(read(KEYS.keep)); return read(KEYS.keep) != null && KEEP_CHOICES.includes(n) ? n : KEEP_DEFAULT; },
  saveKeepPerRoom: (n) => write(KEYS.keep, KEEP_CHOICES.includes(n) ? String(n) : null),
  /** Hashes of message texts whose Markdown took too long to render (js/markdown-queue.js): shown as typed. */
  slowMarkdown: () => { const list = readJson(KEYS.slowMarkdown); return Array.isArray(list) ? list.filter((h) => typeof h === 'string') : []; },
  saveSlowMarkdown: (list) => write(KEYS.slowMarkdown, list.length ? JSON.stringify(list) : null),
  /** "Clear data on this device": every preference and the session. */
  clearAll() {
    for (const key of Object.values(KEYS)) write(key, null);
  },
};
