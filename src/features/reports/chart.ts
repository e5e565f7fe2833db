import { deflateSync } from 'node:zlib';

/**
 * Small charts drawn by the project itself: a layout of shapes, written out as SVG (with a title
 * and description for screen readers) or rasterised to PNG (shapes only, for Word's fallback).
 * No browser is needed to draw them.
 */

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: boolean }
  | { kind: 'polyline'; points: [number, number][]; stroke: string; width: number }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'middle' | 'end'; fill: string; bold?: boolean };

export interface Chart {
  id: string;
  title: string;
  /** What the chart shows, in words: its alt text. */
  description: string;
  width: number;
  height: number;
  shapes: Shape[];
}

const INK = '#1b1b1b';
const GRID = '#d0d0d0';
/** Dark blue and a mid grey: distinguishable in greyscale and by colour-blind readers; labels say which is which. */
export const CURRENT_FILL = '#1d4f91';
export const PREVIOUS_FILL = '#b8b8b8';
const RISE_FILL = '#8a1c1c';
const FALL_FILL = '#1d6b3a';

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(value)));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * exp >= value) return m * exp;
  return 10 * exp;
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-GB');
}

/** Horizontal bars, two per category (previous period, then current), each labelled with its value. */
export function pairedBarChart(opts: { id: string; title: string; description: string; categories: string[]; previous: number[]; current: number[]; previousLabel: string; currentLabel: string }): Chart {
  const labelWidth = 230;
  const right = 70;
  const width = 760;
  const barH = 11;
  const rowH = barH * 2 + 12;
  const top = 46;
  const height = top + rowH * opts.categories.length + 30;
  const max = niceMax(Math.max(1, ...opts.previous, ...opts.current));
  const plotW = width - labelWidth - right;
  const scale = (v: number) => (v / max) * plotW;
  const shapes: Shape[] = [];
  // Legend: words beside each swatch, so the colours are never the only key.
  shapes.push({ kind: 'rect', x: labelWidth, y: 10, w: 14, h: 10, fill: PREVIOUS_FILL, stroke: INK });
  shapes.push({ kind: 'text', x: labelWidth + 20, y: 19, text: opts.previousLabel, size: 12, anchor: 'start', fill: INK });
  shapes.push({ kind: 'rect', x: labelWidth + 250, y: 10, w: 14, h: 10, fill: CURRENT_FILL });
  shapes.push({ kind: 'text', x: labelWidth + 270, y: 19, text: opts.currentLabel, size: 12, anchor: 'start', fill: INK });
  for (let t = 0; t <= 4; t++) {
    const x = labelWidth + (plotW * t) / 4;
    shapes.push({ kind: 'line', x1: x, y1: top - 6, x2: x, y2: height - 26, stroke: GRID, width: 1 });
    shapes.push({ kind: 'text', x, y: height - 10, text: formatNumber((max * t) / 4), size: 11, anchor: 'middle', fill: INK });
  }
  opts.categories.forEach((name, i) => {
    const y = top + i * rowH;
    shapes.push({ kind: 'text', x: labelWidth - 8, y: y + barH + 4, text: name, size: 12, anchor: 'end', fill: INK });
    const prev = opts.previous[i];
    const cur = opts.current[i];
    shapes.push({ kind: 'rect', x: labelWidth, y, w: Math.max(1, scale(prev)), h: barH, fill: PREVIOUS_FILL, stroke: INK });
    shapes.push({ kind: 'text', x: labelWidth + scale(prev) + 4, y: y + barH - 1, text: formatNumber(prev), size: 10, anchor: 'start', fill: INK });
    shapes.push({ kind: 'rect', x: labelWidth, y: y + barH + 1, w: Math.max(1, scale(cur)), h: barH, fill: CURRENT_FILL });
    shapes.push({ kind: 'text', x: labelWidth + scale(cur) + 4, y: y + 2 * barH, text: formatNumber(cur), size: 10, anchor: 'start', fill: INK, bold: true });
  });
  return { id: opts.id, title: opts.title, description: opts.description, width, height, shapes };
}

/** One line over months, with a marker where the compared period ends and the current one starts. */
export function monthlyLineChart(opts: { id: string; title: string; description: string; months: string[]; labels: string[]; values: number[]; splitAt: number; beforeLabel: string; afterLabel: string }): Chart {
  const width = 760;
  const height = 300;
  const left = 56;
  const right = 40;
  const top = 40;
  const bottom = 48;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(1, ...opts.values));
  const n = opts.values.length;
  const x = (i: number) => left + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const shapes: Shape[] = [];
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    shapes.push({ kind: 'line', x1: left, y1: y(v), x2: width - right, y2: y(v), stroke: GRID, width: 1 });
    shapes.push({ kind: 'text', x: left - 6, y: y(v) + 4, text: formatNumber(v), size: 11, anchor: 'end', fill: INK });
  }
  if (opts.splitAt > 0 && opts.splitAt < n) {
    const sx = (x(opts.splitAt - 1) + x(opts.splitAt)) / 2;
    shapes.push({ kind: 'line', x1: sx, y1: top - 8, x2: sx, y2: top + plotH, stroke: INK, width: 1, dash: true });
    shapes.push({ kind: 'text', x: sx - 6, y: top - 14, text: opts.beforeLabel, size: 12, anchor: 'end', fill: INK });
    shapes.push({ kind: 'text', x: sx + 6, y: top - 14, text: opts.afterLabel, size: 12, anchor: 'start', fill: INK, bold: true });
  }
  shapes.push({ kind: 'polyline', points: opts.values.map((v, i) => [x(i), y(v)]), stroke: CURRENT_FILL, width: 2.5 });
  opts.values.forEach((v, i) => shapes.push({ kind: 'circle', cx: x(i), cy: y(v), r: 3, fill: CURRENT_FILL }));
  opts.labels.forEach((label, i) => {
    if (n > 12 && i % 3 !== 0 && i !== n - 1) return;
    shapes.push({ kind: 'text', x: x(i), y: height - bottom + 18, text: label, size: 11, anchor: 'middle', fill: INK });
  });
  return { id: opts.id, title: opts.title, description: opts.description, width, height, shapes };
}

/** Bars either side of zero: rises to the right, falls to the left, each labelled "+23" or "−15". */
export function changeBarChart(opts: { id: string; title: string; description: string; names: string[]; changes: number[] }): Chart {
  const width = 760;
  const labelWidth = 230;
  const barH = 16;
  const rowH = 26;
  const top = 20;
  const height = top + rowH * opts.names.length + 20;
  const max = niceMax(Math.max(1, ...opts.changes.map(Math.abs)));
  const plotW = width - labelWidth - 60;
  const zero = labelWidth + plotW / 2;
  const scale = (v: number) => (Math.abs(v) / max) * (plotW / 2);
  const shapes: Shape[] = [{ kind: 'line', x1: zero, y1: top - 6, x2: zero, y2: height - 14, stroke: INK, width: 1 }];
  opts.names.forEach((name, i) => {
    const y = top + i * rowH;
    const v = opts.changes[i];
    const w = Math.max(1, scale(v));
    shapes.push({ kind: 'text', x: labelWidth - 8, y: y + barH - 3, text: name, size: 12, anchor: 'end', fill: INK });
    shapes.push({ kind: 'rect', x: v >= 0 ? zero : zero - w, y, w, h: barH, fill: v >= 0 ? RISE_FILL : FALL_FILL });
    const label = v > 0 ? `+${formatNumber(v)}` : v < 0 ? `−${formatNumber(-v)}` : '0';
    shapes.push({ kind: 'text', x: v >= 0 ? zero + w + 4 : zero - w - 4, y: y + barH - 3, text: label, size: 11, anchor: v >= 0 ? 'start' : 'end', fill: INK, bold: true });
  });
  return { id: opts.id, title: opts.title, description: opts.description, width, height, shapes };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** The chart as an SVG element, self-contained, with role="img" and a title and description. */
export function chartToSvg(chart: Chart): string {
  const parts: string[] = [];
  for (const s of chart.shapes) {
    switch (s.kind) {
      case 'rect':
        parts.push(`<rect x="${r1(s.x)}" y="${r1(s.y)}" width="${r1(s.w)}" height="${r1(s.h)}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="0.5"` : ''}/>`);
        break;
      case 'line':
        parts.push(`<line x1="${r1(s.x1)}" y1="${r1(s.y1)}" x2="${r1(s.x2)}" y2="${r1(s.y2)}" stroke="${s.stroke}" stroke-width="${s.width}"${s.dash ? ' stroke-dasharray="4 3"' : ''}/>`);
        break;
      case 'polyline':
        parts.push(`<polyline points="${s.points.map(([x, y]) => `${r1(x)},${r1(y)}`).join(' ')}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}" stroke-linejoin="round"/>`);
        break;
      case 'circle':
        parts.push(`<circle cx="${r1(s.cx)}" cy="${r1(s.cy)}" r="${s.r}" fill="${s.fill}"/>`);
        break;
      case 'text':
        parts.push(`<text x="${r1(s.x)}" y="${r1(s.y)}" font-size="${s.size}" text-anchor="${s.anchor}" fill="${s.fill}"${s.bold ? ' font-weight="bold"' : ''}>${escapeXml(s.text)}</text>`);
        break;
    }
  }
  const t = `${chart.id}-title`;
  const d = `${chart.id}-desc`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${chart.id}" role="img" aria-labelledby="${t} ${d}" viewBox="0 0 ${chart.width} ${chart.height}" width="${chart.width}" height="${chart.height}" font-family="Arial, Helvetica, sans-serif">`,
    `<title id="${t}">${escapeXml(chart.title)}</title>`,
    `<desc id="${d}">${escapeXml(chart.description)}</desc>`,
    `<rect x="0" y="0" width="${chart.width}" height="${chart.height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

// ---- PNG (shapes only; Word shows it where it cannot draw SVG) ----

function rgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Rasterises the chart's shapes (not its text) to a PNG. */
export function chartToPng(chart: Chart): Buffer {
  const w = chart.width;
  const h = chart.height;
  const px = Buffer.alloc(w * h * 3, 255);
  const set = (x: number, y: number, c: [number, number, number]) => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= w || yi >= h) return;
    const o = (yi * w + xi) * 3;
    px[o] = c[0];
    px[o + 1] = c[1];
    px[o + 2] = c[2];
  };
  const fillRect = (x: number, y: number, rw: number, rh: number, c: [number, number, number]) => {
    for (let yy = Math.floor(y); yy < Math.ceil(y + rh); yy++) for (let xx = Math.floor(x); xx < Math.ceil(x + rw); xx++) set(xx, yy, c);
  };
  const line = (x1: number, y1: number, x2: number, y2: number, width: number, c: [number, number, number]) => {
    const steps = Math.max(1, Math.ceil(Math.hypot(x2 - x1, y2 - y1)));
    const half = Math.max(0, Math.floor(width / 2));
    for (let i = 0; i <= steps; i++) {
      const x = x1 + ((x2 - x1) * i) / steps;
      const y = y1 + ((y2 - y1) * i) / steps;
      for (let dx = -half; dx <= half; dx++) for (let dy = -half; dy <= half; dy++) set(x + dx, y + dy, c);
    }
  };
  for (const s of chart.shapes) {
    if (s.kind === 'rect') fillRect(s.x, s.y, s.w, s.h, rgb(s.fill));
    else if (s.kind === 'line') line(s.x1, s.y1, s.x2, s.y2, s.width, rgb(s.stroke));
    else if (s.kind === 'polyline') for (let i = 1; i < s.points.length; i++) line(s.points[i - 1][0], s.points[i - 1][1], s.points[i][0], s.points[i][1], s.width, rgb(s.stroke));
    else if (s.kind === 'circle') fillRect(s.cx - s.r, s.cy - s.r, s.r * 2, s.r * 2, rgb(s.fill));
  }
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    px.copy(raw, y * (w * 3 + 1) + 1, y * w * 3, (y + 1) * w * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
