/**
 * Draws the Teams app icons: manifest/color.png (192×192, full colour) and manifest/outline.png
 * (32×32, white on transparent). The project draws its own icons so that nothing in the app
 * package comes from elsewhere.
 *
 * Run from the repository root after changing the drawing:
 *   npx tsc --outDir build/scripts --module commonjs --esModuleInterop --skipLibCheck scripts/make-icons.ts
 *   node build/scripts/make-icons.js [manifest-dir]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';

/** The app's accent colour; manifest.json's `accentColor` is the same. */
export const ACCENT = { r: 0x1f, g: 0x5f, b: 0x8b };
const WHITE = { r: 255, g: 255, b: 255 };

type Rgb = typeof WHITE;
/** A shape in unit coordinates: (0,0) is the top left of the icon, (1,1) the bottom right. */
type Shape = (x: number, y: number) => boolean;

const SHIELD_TOP = 0.14;
const SHIELD_SHOULDER = 0.5;
const SHIELD_TIP = 0.9;
const SHIELD_HALF_WIDTH = 0.32;

/** A heater shield: straight sides, a slightly dipped top edge, curving to a point at the bottom. */
function shield(inset: number): Shape {
  const top = SHIELD_TOP + inset;
  const tip = SHIELD_TIP - inset * 1.6;
  const halfWidth = SHIELD_HALF_WIDTH - inset;
  return (x, y) => {
    const dx = Math.abs(x - 0.5);
    if (dx > halfWidth || y > tip) return false;
    const dip = 0.035 * (1 - (dx / halfWidth) ** 2);
    if (y < top + dip) return false;
    if (y <= SHIELD_SHOULDER) return true;
    const t = (y - SHIELD_SHOULDER) / (tip - SHIELD_SHOULDER);
    return dx <= halfWidth * Math.cos((t * Math.PI) / 2);
  };
}

/** Three rising bars: figures going the right way, the bot's subject. */
function bars(): Shape {
  const base = 0.62;
  const columns: Array<[number, number, number]> = [
    [0.335, 0.415, 0.5],
    [0.46, 0.54, 0.4],
    [0.585, 0.665, 0.3],
  ];
  return (x, y) => y <= base && columns.some(([left, right, top]) => x >= left && x <= right && y >= top);
}

/** Share of a pixel a shape covers, from a 4×4 grid of samples, so edges are smooth. */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  const samples = 4;
  let inside = 0;
  for (let sy = 0; sy < samples; sy += 1) {
    for (let sx = 0; sx < samples; sx += 1) {
      if (shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) inside += 1;
    }
  }
  return inside / (samples * samples);
}

function mix(under: Rgb, over: Rgb, share: number): Rgb {
  return {
    r: Math.round(under.r + (over.r - under.r) * share),
    g: Math.round(under.g + (over.g - under.g) * share),
    b: Math.round(under.b + (over.b - under.b) * share),
  };
}

/** 192×192: a white shield with accent-coloured bars on an accent background. */
export function drawColorIcon(): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const outer = shield(0);
  const chart = bars();
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let colour = mix(ACCENT, WHITE, coverage(outer, px, py, size));
      colour = mix(colour, ACCENT, coverage(chart, px, py, size));
      const i = (py * size + px) * 4;
      png.data[i] = colour.r;
      png.data[i + 1] = colour.g;
      png.data[i + 2] = colour.b;
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/**
 * 32×32: the shield's outline and the bars in white on transparent. Teams requires every
 * visible pixel to be white, so edges are smoothed with alpha only and every pixel's colour is white.
 */
export function drawOutlineIcon(): PNG {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  const outer = shield(0);
  const inner = shield(2.2 / size);
  const chart = bars();
  const outlineAndBars: Shape = (x, y) => (outer(x, y) && !inner(x, y)) || chart(x, y);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const i = (py * size + px) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * coverage(outlineAndBars, px, py, size));
    }
  }
  return png;
}

export function writeIcons(manifestDir: string): void {
  writeFileSync(join(manifestDir, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(join(manifestDir, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
}

if (require.main === module) {
  const dir = resolve(process.argv[2] ?? 'manifest');
  writeIcons(dir);
  console.log(`Wrote color.png and outline.png to ${dir}`);
}
