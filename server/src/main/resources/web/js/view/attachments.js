// view/attachments.js — Images and files into the conversation: the attach button, paste into the input, drag and drop onto the log; one upload at a time with progress and cancel; each finished upload goes out as its own message (a picture for an image, a file card for anything else, a voice message for a recording).

import { h, $, icon } from '../dom.js';
import { isImage, precheck, uploadImage } from '../uploads.js';
import { t } from '../i18n.js';

const CLIP = ['M21 11.5 12.5 20a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6L15 7'];

/**
 * Decision: an image is sent on its own as soon as its upload ends; what is in the input stays
 * there as a draft. Taking the input's text as a caption would send a half-written sentence
 * whenever an upload happened to finish while the user was typing.
 */
export class AttachmentsView {
  constructor({ state, actions }) {
    this.state = state;
    this.actions = actions;
    /** {id, file, room, state: 'waiting' | 'uploading' | 'failed', progress, error, abort, node, preview} */
    this.items = [];
    this.nextId = 1;
    this.running = null;

    const form = $('#composer-form');
    const box = form.querySelector('.composer-box');
    this.input = $('#composer-input');
    this.list = h('ul', { class: 'upload-list', 'data-testid': 'upload-list', 'aria-label': t('attach.list'), hidden: true });
    this.picker = h('input', {
      type: 'file', multiple: true, hidden: true,
      'data-testid': 'attach-input', tabindex: '-1', 'aria-hidden': 'true',
    });
    this.button = h('button', {
      type: 'button', class: 'icon-btn small attach-btn', 'data-testid': 'attach-button',
      'aria-label': t('attach.label'), title: t('attach.title'),
    }, icon(CLIP));
    box.prepend(this.button);
    form.prepend(this.list);
    form.append(this.picker);

    this.button.addEventListener('click', () => this.picker.click());
    this.picker.addEventListener('change', () => {
      this.add([...this.picker.files]);
      this.picker.value = '';
    });
    this.input.addEventListener('paste', (e) => this.onPaste(e));
    this.initDrop($('.chat'));
  }

  /** Enables the button when there is a room to send to. */
  render() {
    this.button.disabled = !this.state.currentRoom();
  }

  onPaste(e) {
    const files = [...(e.clipboardData?.files || [])];
    if (!files.length) return;
    // A copy from a document may hold its text as well as a picture of it: keep the text then.
    if (!e.clipboardData.types.includes('text/plain')) e.preventDefault();
    this.add(files);
  }

  /** Dragging files over the conversation shows where to drop them. */
  initDrop(zone) {
    const overlay = h('div', { class: 'drop-zone', 'data-testid': 'drop-zone', hidden: true, 'aria-hidden': 'true' },
      h('div', { class: 'drop-zone-inner' }, icon(CLIP, 'icon drop-zone-icon'), h('p', null, t('attach.drop'))));
    zone.append(overlay);
    let depth = 0;
    const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
    const show = (on) => { overlay.hidden = !on; zone.classList.toggle('dragging', on); };
    zone.addEventListener('dragenter', (e) => {
      if (!hasFiles(e) || !this.state.currentRoom()) return;
      e.preventDefault();
      depth++;
      show(true);
    });
    zone.addEventListener('dragover', (e) => {
      if (!hasFiles(e) || !this.state.currentRoom()) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    });
    zone.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (!depth) show(false);
    });
    zone.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      show(false);
      if (this.state.currentRoom()) this.add([...e.dataTransfer.files]);
    });
    // A file dropped beside the conversation would make the browser leave the app to show it.
    for (const type of ['dragover', 'drop']) {
      window.addEventListener(type, (e) => { if (hasFiles(e)) e.preventDefault(); });
    }
  }

  /** Sends a recording (a File) as a voice message of `duration` seconds to the room open now. */
  addRecording(file, duration) {
    this.add([file], duration);
  }

  /** Queues files for the room open now; each is checked, uploaded in turn, then sent there. */
  add(files, duration) {
    const room = this.state.current;
    if (!room || !files.length) return;
    for (const file of files) {
      const item = { id: this.nextId++, file, room, state: 'waiting', progress: 0, error: null, abort: null, duration };
      const problem = precheck(file, this.state.limits.upload);
      if (problem) {
        item.state = 'failed';
        item.error = problem.message;
      } else if (isImage(file)) {
        item.preview = URL.createObjectURL(file);
      }
      this.items.push(item);
      this.list.append(this.build(item));
    }
    this.list.hidden = false;
    this.pump();
  }

  /** Starts the next waiting upload when none is running: images go out in the order chosen. */
  pump() {
    if (this.running) return;
    const item = this.items.find((i) => i.state === 'waiting');
    if (!item) return;
    this.running = item;
    item.state = 'uploading';
    const { promise, abort } = uploadImage(item.file, {
      limit: this.state.limits.upload,
      onProgress: (fraction) => { item.progress = fraction; this.update(item); },
    });
    item.abort = abort;
    this.update(item);
    promise.then((stored) => {
      // The server tells an image from any other file: only an image has a width.
      const problem = stored.width != null
        ? this.actions.sendImage(item.room, { url: stored.url, name: item.file.name, width: stored.width, height: stored.height })
        : this.actions.sendFile(item.room, {
          url: stored.url, name: stored.name ?? item.file.name, size: stored.size, type: stored.type,
          ...(item.duration != null ? { duration: item.duration } : {}),
        });
      if (problem) this.fail(item, problem);
      else this.remove(item);
    }, (err) => {
      if (err.code === 'cancelled') this.remove(item);
      else this.fail(item, err.message);
    }).finally(() => {
      this.running = null;
      this.pump();
    });
  }

  cancel(item) {
    if (item.state === 'uploading') item.abort?.();
    else this.remove(item);
  }

  fail(item, message) {
    item.state = 'failed';
    item.error = message;
    this.update(item);
  }

  remove(item) {
    this.items = this.items.filter((i) => i !== item);
    if (item.preview) URL.revokeObjectURL(item.preview);
    const focused = item.node?.contains(document.activeElement);
    item.node?.remove();
    if (!this.items.length) this.list.hidden = true;
    if (focused) this.input.focus();
  }

  build(item) {
    const name = item.file.name || 'image';
    item.bar = h('progress', { class: 'upload-progress', max: '1', value: '0', 'aria-label': t('attach.sending', { name }) });
    item.status = h('span', { class: 'upload-status', 'data-testid': 'upload-status' });
    item.cancelButton = h('button', {
      type: 'button', class: 'link-btn upload-cancel', 'data-testid': 'upload-cancel',
      onclick: () => this.cancel(item),
    });
    item.node = h('li', { class: 'upload', 'data-testid': 'upload' },
      item.preview ? h('img', { class: 'upload-preview', src: item.preview, alt: '' }) : h('span', { class: 'upload-preview none', 'aria-hidden': 'true' }),
      h('div', { class: 'upload-main' },
        h('span', { class: 'upload-name', 'data-testid': 'upload-name', dir: 'auto' }, name),
        item.bar,
        item.status),
      item.cancelButton);
    this.update(item);
    return item.node;
  }

  update(item) {
    if (!item.node) return;
    const name = item.file.name || 'image';
    item.node.dataset.state = item.state;
    item.bar.hidden = item.state === 'failed';
    item.bar.value = item.progress;
    item.status.textContent = item.state === 'waiting' ? t('attach.waiting')
      : item.state === 'uploading' ? `${Math.round(item.progress * 100)}%` : item.error;
    item.status.setAttribute('role', item.state === 'failed' ? 'alert' : 'status');
    item.cancelButton.textContent = t(item.state === 'failed' ? 'attach.dismiss' : 'common.cancel');
    item.cancelButton.setAttribute('aria-label', t(item.state === 'failed' ? 'attach.dismiss-name' : 'attach.cancel-name', { name }));
  }
}
