// view/reactions.js — Reaction chips under a message ("👍 2", yours pressed, who reacted in the title) and the "+" chip that adds another.

import { h, icon } from '../dom.js';
import { t } from '../i18n.js';

/** A smiling face with a small plus: "add a reaction". */
export const ADD_REACTION_ICON = [
  'M20.5 11.5A8.5 8.5 0 1 1 12.5 3.5',
  'M8.5 14.5a4.5 4.5 0 0 0 7 0',
  'M9 9.5h.01M15 9.5h.01',
  'M19 2.5v5M16.5 5h5',
];

/**
 * Who "me" is and how a user id becomes a nick. The message view renders rows without
 * knowing the model, so the app tells this module once, at start.
 */
let people = { me: () => null, nick: () => null };

export function setReactionPeople(source) {
  people = source;
}

/** The chips for a message's reactions, or nothing when it has none. */
export function renderReactions(msg) {
  if (msg.deleted) return null;
  const entries = Object.entries(msg.reactions || {}).filter(([, ids]) => Array.isArray(ids) && ids.length);
  if (!entries.length) return null;
  const me = people.me();
  return h('div', { class: 'reactions', 'data-testid': 'reactions', role: 'group', 'aria-label': t('reactions.label') },
    entries.map(([emoji, ids]) => {
      const who = whoReacted(emoji, ids);
      return h('button', {
        type: 'button',
        class: 'reaction-chip',
        'data-testid': 'reaction-chip',
        'data-emoji': emoji,
        'aria-pressed': String(ids.includes(me)),
        'aria-label': `${emoji} ${ids.length}: ${who}`,
        title: who,
      }, h('span', { class: 'reaction-emoji' }, emoji), ' ', h('span', { class: 'reaction-count' }, String(ids.length)));
    }),
    h('button', {
      type: 'button', class: 'reaction-chip reaction-add', 'data-testid': 'reaction-add',
      'aria-label': t('reactions.add'), title: t('reactions.add'),
    }, icon(ADD_REACTION_ICON)));
}

/** "You, ann and 2 others reacted with 👍": you first, then the others in the order they reacted. */
export function whoReacted(emoji, ids) {
  const me = people.me();
  const names = ids.includes(me) ? [t('people.you')] : [];
  let unknown = 0;
  for (const id of ids) {
    if (id === me) continue;
    const name = people.nick(id);
    if (name) names.push(name);
    else unknown++;
  }
  if (unknown) {
    names.push(t(names.length ? 'reactions.others' : 'reactions.people', { count: unknown }));
  }
  const list = names.length > 1 ? t('people.list-and', { list: names.slice(0, -1).join(t('people.list-separator')), last: names[names.length - 1] }) : names[0];
  return t('reactions.who', { list, emoji });
}

/** Refreshes a chip's title (a nick may have become known since it was drawn). */
export function refreshChipTitle(chip, ids) {
  const who = whoReacted(chip.dataset.emoji, ids);
  chip.title = who;
  chip.setAttribute('aria-label', `${chip.dataset.emoji} ${ids.length}: ${who}`);
}
