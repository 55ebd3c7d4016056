// A clerk's pen in the blanks of a header: digit strings drawn either with a handwriting font from
// Debian (fonts-dkg-handwriting, fonts-breip, fonts-femkeklaver, fonts-rufscript, fonts-sjfonts,
// when installed) or with strokes of our own (one polyline per digit, jittered, smoothed), in a
// random pen width, slant, size, ink and place in the blank, now and then running over the printed
// slash. Deterministic for a given random source. Test data only.
import { existsSync } from 'node:fs';
import { GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { Random } from './random.js';

/** Debian handwriting fonts the generator uses when they are installed (`apt-get install fonts-…`). */
const DEBIAN_FONTS: [string, string][] = [
  ['/usr/share/fonts/truetype/fifthhorseman/dkg.ttf', 'Hand DKG'],
  ['/usr/share/fonts/truetype/fifthhorseman/dkgIt.ttf', 'Hand DKG Italic'],
  ['/usr/share/fonts/truetype/breip/Breip.ttf', 'Hand Breip'],
  ['/usr/share/fonts/truetype/femkeklaver/femkeklaver.ttf', 'Hand Femke'],
  ['/usr/share/fonts/truetype/rufscript/Rufscript010.ttf', 'Hand Rufscript'],
  ['/usr/share/fonts/truetype/sjfonts/Delphine.ttf', 'Hand Delphine'],
  ['/usr/share/fonts/truetype/sjfonts/SteveHand.ttf', 'Hand Steve'],
];

let fonts: string[] | null = null;

/** Handwriting font families available here (registered once). */
export function handwritingFonts(): string[] {
  fonts ??= DEBIAN_FONTS.filter(([file]) => existsSync(file)).map(([file, family]) => {
    GlobalFonts.registerFromPath(file, family);
    return family;
  });
  return fonts;
}

/** One stroke per digit in a unit box (x right, y down; 0–1), as a quick pen writes it. */
const STROKES: Record<string, [number, number][][]> = {
  '0': [[[0.5, 0], [0.15, 0.2], [0.1, 0.6], [0.4, 1], [0.8, 0.85], [0.9, 0.4], [0.7, 0.05], [0.45, 0.02]]],
  '1': [[[0.25, 0.22], [0.55, 0], [0.52, 1]]],
  '2': [[[0.1, 0.22], [0.35, 0.02], [0.7, 0.03], [0.85, 0.28], [0.6, 0.6], [0.08, 1], [0.95, 0.97]]],
  '3': [[[0.1, 0.1], [0.5, 0], [0.85, 0.2], [0.45, 0.47], [0.9, 0.68], [0.55, 1], [0.08, 0.88]]],
  '4': [[[0.6, 0], [0.08, 0.68], [0.95, 0.68]], [[0.7, 0.3], [0.68, 1]]],
  '5': [[[0.88, 0.02], [0.28, 0.02], [0.2, 0.45], [0.6, 0.38], [0.9, 0.65], [0.62, 1], [0.1, 0.9]]],
  '6': [[[0.8, 0.04], [0.4, 0.12], [0.13, 0.6], [0.3, 1], [0.75, 0.95], [0.85, 0.68], [0.55, 0.5], [0.18, 0.66]]],
  '7': [[[0.05, 0.03], [0.95, 0.02], [0.4, 1]]],
  '8': [[[0.55, 0.47], [0.15, 0.25], [0.5, 0], [0.85, 0.22], [0.5, 0.47], [0.12, 0.75], [0.5, 1], [0.9, 0.75], [0.55, 0.47]]],
  '9': [[[0.85, 0.3], [0.5, 0.5], [0.15, 0.3], [0.45, 0], [0.85, 0.15], [0.82, 0.6], [0.7, 1]]],
};

export interface PenOptions {
  /** The blank: top-left, width and height, in points. */
  spot: { x: number; y: number; width: number; height: number };
  /** Pixels per point of the canvas. */
  scale: number;
  ink: [number, number, number];
  /** Let the last digit run over the printed slash that follows the blank. */
  crossSlash?: boolean;
}

/** Writes `digits` into the blank with a random hand: font or strokes, size, slant, pen width, place. */
export function writeDigits(ctx: SKRSContext2D, digits: string, options: PenOptions, random: Random): void {
  const { spot, scale: k, ink } = options;
  const families = handwritingFonts();
  const useFont = families.length > 0 && random.chance(0.6);
  const height = random.range(9, 15) * k;
  const slant = random.range(-0.08, 0.35);
  const pen = random.range(0.45, 1.3) * k;
  const alpha = random.range(0.75, 0.95);
  const colour = `rgba(${ink[0]}, ${ink[1]}, ${ink[2]}, ${alpha.toFixed(2)})`;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = pen;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  // Width of what is written, to place it in (or past) the blank.
  const advance = height * random.range(0.5, 0.75);
  const width = useFont ? 0 : advance * digits.length;
  let fontWidth = 0;
  const family = useFont ? random.pick(families) : '';
  if (useFont) {
    ctx.font = `${Math.round(height * 1.25)}px "${family}"`;
    fontWidth = ctx.measureText(digits).width;
  }
  const written = useFont ? fontWidth : width;
  const room = spot.width * k;
  const baseX = spot.x * k + (options.crossSlash ? room - written * 0.8 : Math.max(0, (room - written) * random.range(0.1, 0.9)));
  // The pen sits on the printed baseline or rides above it.
  const baseline = (spot.y + spot.height * 0.8) * k - random.range(-0.1, 0.45) * height;
  ctx.translate(baseX, baseline);
  ctx.rotate((random.range(-5, 5) * Math.PI) / 180);
  ctx.transform(1, 0, -slant, 1, 0, 0);
  if (useFont) {
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(digits, 0, 0);
    // A heavier pen than the font's outline.
    if (random.chance(0.5)) {
      ctx.lineWidth = pen * 0.6;
      ctx.strokeText(digits, 0, 0);
    }
  } else {
    let x = 0;
    for (const digit of digits) {
      const w = advance * random.range(0.75, 0.95);
      const h = height * random.range(0.9, 1.1);
      for (const stroke of STROKES[digit] ?? []) drawStroke(ctx, stroke.map(([u, v]) => [x + (u + random.range(-0.06, 0.06)) * w, -h + (v + random.range(-0.04, 0.04)) * h]));
      x += advance * random.range(0.9, 1.25);
    }
  }
  ctx.restore();
}

/** A smooth pen stroke through the points (quadratic curves through the midpoints). */
function drawStroke(ctx: SKRSContext2D, points: [number, number][]): void {
  const [first, ...rest] = points;
  if (!first) return;
  ctx.beginPath();
  ctx.moveTo(first[0], first[1]);
  for (let i = 0; i < rest.length - 1; i += 1) {
    const [x, y] = rest[i] as [number, number];
    const [nx, ny] = rest[i + 1] as [number, number];
    ctx.quadraticCurveTo(x, y, (x + nx) / 2, (y + ny) / 2);
  }
  const last = rest[rest.length - 1];
  if (last) ctx.lineTo(last[0], last[1]);
  ctx.stroke();
}
