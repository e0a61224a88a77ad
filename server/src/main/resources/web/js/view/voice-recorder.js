// view/voice-recorder.js — Voice messages: a microphone button beside Send (click to record, then Send or Cancel; or hold it and let go to send), the elapsed time while recording, and a length limit; the recording (Opus, WebM or Ogg, from MediaRecorder) goes out through the uploads like any file, with its duration.

import { h, $, icon } from '../dom.js';
import { t } from '../i18n.js';
import { formatDuration } from './file-card.js';
import { TOPIC } from '../topics.js';

/** The longest voice message, in seconds (the server refuses longer ones too). */
const MAX_SECONDS = 300;

/** Held at least this long, the button sends when let go; a shorter press is a click. */
const HOLD_MS = 400;

/** Bits per second asked of the encoder: speech in Opus is clear at 32 kbit/s, 240 KB a minute. */
const BITRATE = 32000;

const MIC = ['M12 3a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3z', 'M5 11a7 7 0 0 0 14 0', 'M12 18v3'];

/** The first container the browser records Opus in, or '' for its default. */
function recordingType() {
  if (typeof MediaRecorder === 'undefined' || !MediaRecorder.isTypeSupported) return '';
  return ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm'].find((t) => MediaRecorder.isTypeSupported(t)) || '';
}

export function initVoice({ state, attachments, toast }) {
  if (!attachments) return null;
  return new VoiceRecorder({ state, attachments, toast });
}

class VoiceRecorder {
  constructor({ state, attachments, toast }) {
    this.state = state;
    this.attachments = attachments;
    this.toast = toast;
    this.recorder = null;
    this.starting = null;
    this.button = h('button', {
      type: 'button', class: 'icon-btn small voice-btn', 'data-testid': 'voice-button',
      'aria-label': t('voice.record'), title: t('voice.record-title'),
    }, icon(MIC));
    this.time = h('span', { class: 'voice-time', 'data-testid': 'voice-time', role: 'timer', 'aria-live': 'off' }, '0:00');
    this.label = h('span', { class: 'voice-label' }, t('voice.recording', { minutes: MAX_SECONDS / 60 }));
    this.panel = h('div', { class: 'voice-panel', 'data-testid': 'voice-panel', role: 'group', 'aria-label': t('voice.panel'), hidden: true },
      h('span', { class: 'voice-dot', 'aria-hidden': 'true' }), this.time, this.label,
      h('button', { type: 'button', class: 'link-btn', 'data-testid': 'voice-cancel', onclick: () => this.stop(false) }, t('common.cancel')),
      h('button', { type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'voice-send', onclick: () => this.stop(true) }, t('page.send')));
    const form = $('#composer-form');
    form.querySelector('.composer-box').insertBefore(this.button, $('#send-button'));
    form.prepend(this.panel);

    this.button.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || this.recorder || this.starting) return;
      this.pressedAt = performance.now();
      this.skipClick = true;
      this.start();
    });
    this.button.addEventListener('pointerup', async () => {
      if (this.pressedAt == null) return;
      const held = performance.now() - this.pressedAt;
      this.pressedAt = null;
      if (held < HOLD_MS) return; // a click: keep recording until Send or Cancel
      await this.starting;
      this.stop(true);
    });
    this.button.addEventListener('click', () => {
      if (this.skipClick) { this.skipClick = false; return; }
      if (this.recorder) this.stop(true);
      else this.start();
    });
    state.on(TOPIC.LOG, () => { this.button.disabled = !state.currentRoom(); });
  }

  async start() {
    if (!this.state.currentRoom()) return;
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      this.toast?.(t('voice.unsupported'));
      return;
    }
    const room = this.state.current;
    this.starting = navigator.mediaDevices.getUserMedia({ audio: true }).then((stream) => {
      const type = recordingType();
      const recorder = new MediaRecorder(stream, { ...(type ? { mimeType: type } : {}), audioBitsPerSecond: BITRATE });
      const chunks = [];
      recorder.addEventListener('dataavailable', (e) => { if (e.data?.size) chunks.push(e.data); });
      this.recorder = { recorder, stream, chunks, room, startedAt: performance.now() };
      recorder.start(1000);
      this.show(true);
      this.timer = setInterval(() => this.tick(), 250);
    }, () => {
      this.toast?.(t('voice.denied'));
    }).finally(() => { this.starting = null; });
    return this.starting;
  }

  tick() {
    if (!this.recorder) return;
    const seconds = (performance.now() - this.recorder.startedAt) / 1000;
    this.time.textContent = formatDuration(Math.floor(seconds));
    if (seconds >= MAX_SECONDS) this.stop(true);
  }

  /** Ends the recording; `send`: it goes out as a voice message, else it is thrown away. */
  stop(send) {
    const rec = this.recorder;
    if (!rec) return;
    this.recorder = null;
    clearInterval(this.timer);
    this.show(false);
    const seconds = Math.min(MAX_SECONDS, Math.max(1, Math.round((performance.now() - rec.startedAt) / 1000)));
    rec.recorder.addEventListener('stop', () => {
      for (const track of rec.stream.getTracks()) track.stop();
      if (!send || !rec.chunks.length || this.state.current !== rec.room) return;
      const type = (rec.recorder.mimeType || 'audio/webm').split(';')[0];
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const file = new File(rec.chunks, `voice-${stamp}.${type.includes('ogg') ? 'ogg' : 'webm'}`, { type });
      this.attachments.addRecording(file, seconds);
    }, { once: true });
    rec.recorder.stop();
  }

  show(on) {
    this.panel.hidden = !on;
    this.button.classList.toggle('recording', on);
    this.button.setAttribute('aria-pressed', on ? 'true' : 'false');
    if (on) this.time.textContent = '0:00';
  }
}
