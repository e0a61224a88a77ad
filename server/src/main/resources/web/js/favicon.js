// favicon.js — The unread count as a badge on the tab's icon: drawn on a canvas over the page's own favicon, set as a data: URL.

const SIZE = 64;

export class FaviconBadge {
  constructor() {
    this.link = document.querySelector('link[rel="icon"]');
    this.original = { href: this.link?.getAttribute('href'), type: this.link?.getAttribute('type') };
    this.shown = 0;
    this.image = null;
    this.drawn = 0;
  }

  /** Shows `count` on the icon (0: the plain icon again). */
  show(count) {
    if (!this.link || count === this.shown) return;
    this.shown = count;
    if (!count) {
      this.link.setAttribute('href', this.original.href);
      if (this.original.type) this.link.setAttribute('type', this.original.type);
      delete this.link.dataset.badge;
      return;
    }
    this.loaded().then((img) => { if (this.shown === count) this.paint(img, count); });
  }

  loaded() {
    if (!this.image) {
      this.image = new Promise((resolve) => {
        const img = new Image();
        img.onload = () => resolve(img);
        img.onerror = () => resolve(null);
        img.src = this.original.href;
      });
    }
    return this.image;
  }

  paint(img, count) {
    const canvas = document.createElement('canvas');
    canvas.width = SIZE;
    canvas.height = SIZE;
    const g = canvas.getContext('2d');
    if (!g) return;
    if (img) g.drawImage(img, 0, 0, SIZE, SIZE);
    const label = count > 99 ? '99+' : String(count);
    const r = label.length > 1 ? 21 : 18;
    const cx = SIZE - r;
    const cy = r;
    g.beginPath();
    g.arc(cx, cy, r, 0, Math.PI * 2);
    g.fillStyle = '#e11d48';
    g.fill();
    g.lineWidth = 3;
    g.strokeStyle = '#ffffff';
    g.stroke();
    g.fillStyle = '#ffffff';
    g.font = `bold ${label.length > 2 ? 18 : label.length > 1 ? 24 : 28}px system-ui, sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(label, cx, cy + 1);
    this.link.setAttribute('type', 'image/png');
    this.link.setAttribute('href', canvas.toDataURL('image/png'));
    this.link.dataset.badge = label;
  }
}
