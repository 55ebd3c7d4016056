// Trap (issue 9): the reader never reads less than one plain OCR pass over the top third of page 1
// would. For each fixture a plain pass is made independently of the reader (the top third
// rendered at 300 dpi, Tesseract with its own page layout, the first number and date that match,
// as the naive reader does), and whatever it reads right the reader must read too: the same
// value (at any confidence: a doubtful one goes to a person with the value shown).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { OcrEngine } from '../../pipeline/evidence/ocr-engine.js';
import { renderRegion } from '../../pipeline/evidence/pdf-page.js';
import { createEvidenceReader } from '../../pipeline/evidence/reader.js';
import type { Extraction } from '../../pipeline/model.js';
import { parseNaively } from '../../scripts/lib/naive-reader.js';
import { type DocumentSpec } from '../../scripts/lib/decree30-pdf.js';
import { renderScannedDocument, type ScanOptions } from '../../scripts/lib/scan-pdf.js';
import { letterSpec, planSpec } from './fixtures.js';

interface Case {
  name: string;
  spec: DocumentSpec;
  scan: ScanOptions;
}

// Scans of the harsher kind the issue measured on: 100–150 dpi, JPEG q30–50, faded, skewed, with a
// signing box at the top or an incoming stamp near the date line.
const CASES: Case[] = [
  { name: '150 dpi, JPEG q35, faded, skewed 1.4°', spec: letterSpec({ numeral: '2606', symbol: 'SXD-VP', date: { day: 18, month: 11, year: 2022 } }), scan: { seed: 31, dpi: 150, skewDegrees: 1.4, noise: 0.7, fade: 0.4, jpegQuality: 35, maxPages: 1 } },
  { name: '100 dpi, JPEG q45, skewed −1°', spec: planSpec({ numeral: '45', symbol: 'KH-UBND', date: { day: 9, month: 3, year: 2023 } }), scan: { seed: 32, dpi: 100, skewDegrees: -1, noise: 0.5, fade: 0.3, jpegQuality: 45, maxPages: 1 } },
  {
    name: '150 dpi with a signing box at the top and an incoming ĐẾN stamp under the date line',
    spec: letterSpec({ numeral: '317', symbol: 'UBND-VX', date: { day: 24, month: 5, year: 2021 } }),
    scan: { seed: 33, dpi: 150, skewDegrees: 0.8, noise: 0.6, fade: 0.35, jpegQuality: 40, maxPages: 1, arrivalStamp: { number: 1015, date: '27/5/21' }, signingBox: ['Ky boi: So Noi vu', 'Co quan: Tinh Lao Cai', 'Thoi gian ky: 25.05.2021 10:21:11 +07:00'] },
  },
];

const ocr = new OcrEngine();
let dir = '';
const outcomes = new Map<string, { plain: ReturnType<typeof parseNaively>; reading: Extraction; truth: { number: string; date: string } }>();

/** One plain pass: the top third of page 1 at 300 dpi, Tesseract's automatic layout, the first number and date that match. */
async function plainPass(bytes: Buffer): Promise<ReturnType<typeof parseNaively>> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(1);
    const { image } = await renderRegion(page, { left: 0, top: 0, width: 1, height: 1 / 3 }, 300, 0);
    const { lines } = await ocr.recognise(image, 'auto');
    return parseNaively(lines.map((l) => l.map((w) => w.text).join(' ')).join('\n'));
  } finally {
    await doc.destroy();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-plain-pass-'));
  // The reader as the pipeline runs it (reader processes from dist/, built by `npm test`).
  const reader = createEvidenceReader({ concurrency: 2 });
  try {
    for (const c of CASES) {
      const file = path.join(dir, `${c.scan.seed}.pdf`);
      const bytes = await renderScannedDocument(c.spec, c.scan);
      await writeFile(file, bytes);
      const { day, month, year } = c.spec.date;
      const truth = { number: `${c.spec.numeral}/${c.spec.symbol}`, date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
      outcomes.set(c.name, { plain: await plainPass(bytes), reading: await reader.read(file), truth });
    }
  } finally {
    await reader.close();
  }
}, 300_000);

afterAll(async () => {
  await ocr.close();
});

describe('trap: never less than one plain OCR pass over the top third of page 1', () => {
  it.each(CASES.map((c) => c.name))('%s: what the plain pass reads right, the reader reads', (name) => {
    const o = outcomes.get(name);
    if (!o) throw new Error(`no outcome for ${name}`);
    if (o.plain.number === o.truth.number) expect(o.reading.number).toBe(o.truth.number);
    if (o.plain.date === o.truth.date) expect(o.reading.date).toBe(o.truth.date);
    // Nothing the reader states with confidence is wrong.
    if (o.reading.numberConfidence >= 0.8) expect(o.reading.number).toBe(o.truth.number);
    if (o.reading.dateConfidence >= 0.8) expect(o.reading.date).toBe(o.truth.date);
  });

  it('the fixtures are ones a plain pass reads: at least one field of each is read right by it', () => {
    for (const [name, o] of outcomes) expect(o.plain.number === o.truth.number || o.plain.date === o.truth.date, name).toBe(true);
  });
});
