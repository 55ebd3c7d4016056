// The audit's header crop of a scan the reader read turned (upside down; on its side with no
// /Rotate; upright only through /Rotate 90): rendered as the reader read the page, so a person sees
// the header upright, with the number outlined left of the date as Decree 30 lays them out. The
// reading says the turn it read the page at (`turned`), its regions stay on the page as displayed.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CropCache } from '../../pipeline/audit/crop-cache.js';
import { CROP_DPI, OUTLINE } from '../../pipeline/audit/header-crop.js';
import { createEvidenceReader, READER_VERSION } from '../../pipeline/evidence/reader.js';
import type { Extraction } from '../../pipeline/model.js';
import { renderScannedDocument } from '../../scripts/lib/scan-pdf.js';
import { planSpec } from './fixtures.js';

const A4 = { width: 595.28, height: 841.89 };
let dir = '';
const readings = new Map<string, Extraction>();
const crops = new Map<string, { width: number; height: number; rgba: Uint8ClampedArray }>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-turned-crop-'));
  const spec = planSpec({ numeral: '125', symbol: 'KH-SXD' });
  const fixtures = {
    'upright.pdf': await renderScannedDocument(spec, { seed: 15, dpi: 150, skewDegrees: 0.3, noise: 0.2, jpegQuality: 60, maxPages: 1 }),
    'upside-down.pdf': await renderScannedDocument(spec, { seed: 16, dpi: 150, skewDegrees: 0.3, noise: 0.2, jpegQuality: 60, upsideDown: true, maxPages: 1 }),
    'sideways.pdf': await renderScannedDocument(spec, { seed: 17, dpi: 150, skewDegrees: 0.3, noise: 0.2, jpegQuality: 60, quarterTurn: 'sideways', maxPages: 1 }),
    'rotate-90.pdf': await renderScannedDocument(spec, { seed: 18, dpi: 150, skewDegrees: 0.3, noise: 0.2, jpegQuality: 60, quarterTurn: 'rotate-entry', maxPages: 1 }),
  };
  const cacheDir = path.join(dir, 'cache');
  const reader = createEvidenceReader({ concurrency: 2, cacheDir, crops: true });
  try {
    await Promise.all(Object.entries(fixtures).map(async ([name, bytes]) => {
      const file = path.join(dir, name);
      await writeFile(file, bytes);
      const reading = await reader.read(file);
      readings.set(name, reading);
      const image = await loadImage(await readFile(new CropCache(cacheDir, READER_VERSION).file(reading.sha256)));
      const canvas = createCanvas(image.width, image.height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(image, 0, 0);
      crops.set(name, { width: image.width, height: image.height, rgba: ctx.getImageData(0, 0, image.width, image.height).data });
    }));
  } finally {
    await reader.close();
  }
}, 300_000);

afterAll(() => {
  readings.clear();
});

/** Mean x of the crop's pixels in an outline's colour, or null when it has none. */
function outlineX(name: string, colour: string): number | null {
  const crop = crops.get(name);
  if (!crop) throw new Error(`no crop for ${name}`);
  const [r, g, b] = [1, 3, 5].map((k) => Number.parseInt(colour.slice(k, k + 2), 16));
  let sum = 0;
  let count = 0;
  for (let i = 0; i < crop.width * crop.height; i += 1) {
    if (crop.rgba[4 * i] === r && crop.rgba[4 * i + 1] === g && crop.rgba[4 * i + 2] === b) {
      sum += i % crop.width;
      count += 1;
    }
  }
  return count > 0 ? sum / count : null;
}

describe('the header crop of a scan read turned is upright', () => {
  it.each([
    ['upright.pdf', [undefined]],
    ['upside-down.pdf', [180]],
    ['sideways.pdf', [90, 270]],
    // /Rotate 90 is the page as displayed: no turn of the reader's own.
    ['rotate-90.pdf', [undefined]],
  ] as const)('%s: read right, the reading says the turn it was read at (%s)', (name, turns) => {
    const reading = readings.get(name);
    expect(reading).toMatchObject({ status: 'ok', number: '125/KH-SXD', date: '2024-02-05' });
    expect(turns).toContain(reading?.turned);
  });

  it.each(['upright.pdf', 'upside-down.pdf', 'sideways.pdf', 'rotate-90.pdf'])('%s: the crop is a page-wide strip of the upright page, the number outlined left of the date', (name) => {
    const crop = crops.get(name);
    // The upright page's width at the crop's resolution, a strip much wider than high.
    expect(crop?.width).toBeCloseTo((A4.width * CROP_DPI) / 72, -1);
    expect((crop?.height ?? 0) * 2).toBeLessThan(crop?.width ?? 0);
    const number = outlineX(name, OUTLINE.number);
    const date = outlineX(name, OUTLINE.date);
    expect(number).not.toBeNull();
    expect(date).not.toBeNull();
    expect(number as number).toBeLessThan(date as number);
  });
});
