// view/browse.js — The "Browse rooms" dialog: public rooms I am not in, busiest first, paged and filtered through the directory model.

import { h, $, patchChildren } from '../dom.js';
import { setupDialog, openDialog } from './dialogs.js';
import { emojify } from '../emoji/emojify.js';
import { t } from '../i18n.js';

export class BrowseView {
  /** `errorText` turns a refusal into a sentence; `onNewRoom` opens the "new room" dialog instead. */
  constructor({ state, directory, actions, errorText, onRoomChosen, onNewRoom }) {
    this.state = state;
    this.directory = directory;
    this.errorText = errorText;
    this.dialog = setupDialog($('#browse-dialog'));
    this.joining = new Set(); // rooms whose join is under way: their button stays disabled
    this.list = $('#directory-list');
    this.filterInput = $('#browse-filter');
    this.moreButton = $('#directory-more');
    this.status = $('#directory-status');
    this.error = $('#browse-error');
    this.joinError = '';

    this.filterInput.addEventListener('input', () => directory.filter(this.filterInput.value));
    this.moreButton.addEventListener('click', () => directory.loadMore());
    this.dialog.querySelector('[data-action="new-room"]').addEventListener('click', () => {
      this.dialog.close();
      onNewRoom();
    });
    this.list.addEventListener('click', async (e) => {
      const button = e.target.closest('.join-button');
      if (!button) return;
      const name = button.dataset.room;
      if (this.joining.has(name)) return;
      this.joining.add(name);
      button.disabled = true;
      this.joinError = '';
      this.render();
      try {
        await actions.joinRoom(name);
        this.dialog.close('joined');
        onRoomChosen();
      } catch (err) {
        this.joinError = errorText(err);
      } finally {
        this.joining.delete(name);
        this.render();
      }
    });

    const open = () => {
      this.filterInput.value = '';
      this.joinError = '';
      directory.filter('');
      directory.refresh();
      this.render();
      openDialog(this.dialog, '#browse-filter');
    };
    for (const id of ['browse-button', 'browse-link', 'empty-browse']) {
      $(`#${id}`).addEventListener('click', open);
    }
  }

  get open() {
    return this.dialog.open;
  }

  render() {
    if (!this.dialog.open) return;
    const { rooms, more, loading, error, filtered } = this.directory.listing();
    if (!rooms.length) {
      const empty = t(loading ? 'browse.looking'
        : more ? 'browse.none-yet'
          : filtered ? 'browse.no-match' : 'browse.in-every-room');
      patchChildren(this.list, [h('li', { class: 'directory-empty', 'data-testid': 'directory-empty' }, empty)]);
    } else {
      patchChildren(this.list, rooms.map((d) => this.item(d)));
    }
    this.moreButton.hidden = !more;
    this.moreButton.disabled = loading;
    this.status.textContent = loading && rooms.length ? t('browse.looking') : '';
    this.error.textContent = this.joinError || (error ? this.errorText(error) : '');
  }

  item(d) {
    return h('li', { class: 'directory-item', 'data-testid': 'directory-item', dataset: { room: d.name } },
      h('div', { class: 'directory-text' },
        h('span', { class: 'directory-name' }, `#${d.name}`),
        d.topic ? h('span', { class: 'directory-topic' }, emojify(d.topic)) : null),
      h('span', { class: 'directory-members' }, t('room.members', { count: d.members || 0 })),
      h('button', {
        type: 'button', class: 'btn btn-small btn-primary join-button', 'data-testid': 'join-button',
        dataset: { room: d.name }, 'aria-label': t('browse.join-label', { room: d.name }), disabled: this.joining.has(d.name),
      }, t('browse.join')));
  }
}
