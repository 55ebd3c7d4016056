// Tesseract (tesseract.js, offline Vietnamese data from @tesseract.js-data/vie) behind a small
// surface: recognise a grey image, get words with positions and confidences grouped in lines.
// One worker per reader process, created on first use and recycled every few hundred images so
// its WebAssembly memory cannot grow without bound.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { packageRoot } from '../util/package-root.js';
import { nfc } from '../util/text.js';
import type { Piece } from './layout.js';
import type { GreyImage } from './pdf-page.js';

const require = createRequire(import.meta.url);
const LANG_PATH = path.join(path.dirname(require.resolve('@tesseract.js-data/vie/package.json')), '4.0.0_best_int');

/**
 * Our worker script (tesseract-worker.ts, compiled): the LSTM-only WebAssembly core, which starts
 * faster than the one tesseract.js loads in Node. Without dist/ (never built), tesseract.js's own.
 */
function workerScript(): { workerPath: string } | Record<string, never> {
  const script = path.join(packageRoot(), 'dist', 'pipeline', 'evidence', 'tesseract-worker.js');
  return existsSync(script) ? { workerPath: script } : {};
}

/**
 * Images a worker recognises before it is replaced. A new worker costs some 1 CPU-s: 0.2–0.3 to
 * start, and its first four or so header rows read at 250–300 ms instead of 75–120 while V8 compiles
 * Tesseract's hot WebAssembly functions again (each worker is its own isolate; nothing is shared).
 * Its memory does not creep: 240 rows and blocks read in one worker held the process at 220–250 MB.
 * The reader process's own recycling and memory ceiling (reader-pool.ts) bound what is left.
 */
const RECYCLE_AFTER = 1000;

export type Layout = 'block' | 'line' | 'auto';

const PSM_OF: Record<Layout, PSM> = { block: PSM.SINGLE_BLOCK, line: PSM.SINGLE_LINE, auto: PSM.AUTO };

export interface OcrResult {
  /** Words grouped by the lines OCR found, in pixels of the image. */
  lines: Piece[][];
  /** Mean word confidence, 0–1. */
  confidence: number;
}

export class OcrEngine {
  #worker: Promise<Worker> | null = null;
  #jobs = 0;
  #lastError: string | null = null;

  async recognise(image: GreyImage, layout: Layout): Promise<OcrResult> {
    if (this.#jobs >= RECYCLE_AFTER) await this.close();
    const worker = await this.#ready();
    this.#jobs += 1;
    // No search for white-on-black text: evidence headers are dark on light, and the search doubles the time.
    await worker.setParameters({ tessedit_pageseg_mode: PSM_OF[layout], user_defined_dpi: String(Math.round(image.scale * 72)), tessedit_do_invert: '0' });
    const pgm = Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1'), image.data]);
    const { data } = await worker.recognize(pgm, {}, { blocks: true, text: false });
    if (this.#lastError) {
      const message = this.#lastError;
      this.#lastError = null;
      throw new Error(`OCR: ${message}`);
    }
    const lines: Piece[][] = [];
    let sum = 0;
    let count = 0;
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const words: Piece[] = [];
          for (const word of line.words) {
            const text = nfc(word.text).trim();
            if (text === '') continue;
            // Per-character confidence: a number like `45/QĐ-SXD` gets a low word score from the
            // language model even when every character is read with certainty.
            const symbols = word.symbols ?? [];
            const charConfidence = nfc(symbols.map((c) => c.text).join('')) === text && symbols.every((c) => c.text.length === 1)
              ? symbols.map((c) => Math.max(0, Math.min(1, c.confidence / 100)))
              : undefined;
            const charBoxes = charConfidence ? symbols.map((c): [number, number, number, number] => [c.bbox.x0, c.bbox.y0, c.bbox.x1, c.bbox.y1]) : undefined;
            words.push({
              ...(charConfidence ? { charConfidence } : {}),
              ...(charBoxes ? { charBoxes } : {}),
              text,
              x0: word.bbox.x0,
              y0: word.bbox.y0,
              x1: word.bbox.x1,
              y1: word.bbox.y1,
              origin: 'ocr',
              confidence: Math.max(0, Math.min(1, word.confidence / 100)),
            });
            sum += word.confidence / 100;
            count += 1;
          }
          if (words.length > 0) lines.push(words);
        }
      }
    }
    return { lines, confidence: count > 0 ? sum / count : 0 };
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    this.#jobs = 0;
    if (worker) await (await worker.catch(() => null))?.terminate().catch(() => {});
  }

  #ready(): Promise<Worker> {
    this.#worker ??= createWorker('vie', OEM.LSTM_ONLY, {
      langPath: LANG_PATH,
      gzip: true,
      cacheMethod: 'none',
      ...workerScript(),
      logger: () => {},
      // Without an error handler a bad image kills the process; keep the message for this job.
      errorHandler: (error: unknown) => {
        this.#lastError = error instanceof Error ? error.message : String(error);
      },
    });
    return this.#worker;
  }
}
