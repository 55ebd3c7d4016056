// The naive reader the benchmark measures against, as issue 3 defines it: the text layer of page 1;
// when it is thin, OCR of the whole of page 1 (rendered at 300 dpi, Tesseract's recommended
// resolution, default page segmentation); the first number and the first date that match win.
// Same engine (pdf.js, tesseract.js with the same Vietnamese data) and the same parallelism.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import PQueue from 'p-queue';
import { createScheduler, createWorker, OEM, type Scheduler } from 'tesseract.js';
import { TYPE_CODES } from '../../pipeline/evidence/parse-header.js';

const require = createRequire(import.meta.url);
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));
const LANG_PATH = path.join(path.dirname(require.resolve('@tesseract.js-data/vie/package.json')), '4.0.0_best_int');

export interface NaiveResult {
  status: 'ok' | 'unreadable';
  source: 'text' | 'ocr' | null;
  number: string | null;
  suffixed: boolean;
  typeCode: string | null;
  date: string | null;
}

const NUMBER = /(\d{1,5}[a-zA-Z]?)\s*\/\s*((?:\d{4}\/)?[A-ZĐ][A-Za-zĐđ0-9&]*(?:-[A-Za-zĐđ0-9&]+)*)/u;
const DATE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u;

export function parseNaively(text: string): Pick<NaiveResult, 'number' | 'suffixed' | 'typeCode' | 'date'> {
  const n = NUMBER.exec(text);
  const d = DATE.exec(text);
  const symbol = n?.[2] ?? '';
  const first = symbol.replace(/^\d{4}\//u, '').split('-')[0] ?? '';
  return {
    number: n ? `${n[1]}/${symbol}` : null,
    suffixed: n ? /[a-zA-Z]$/u.test(n[1] ?? '') : false,
    typeCode: (TYPE_CODES as readonly string[]).includes(first) ? first : null,
    date: d ? `${d[3]}-${(d[2] ?? '').padStart(2, '0')}-${(d[1] ?? '').padStart(2, '0')}` : null,
  };
}

export async function createNaiveReader(options: { concurrency: number; dpi?: number }) {
  const scheduler: Scheduler = createScheduler();
  for (let k = 0; k < options.concurrency; k += 1) {
    scheduler.addWorker(await createWorker('vie', OEM.LSTM_ONLY, { langPath: LANG_PATH, gzip: true, cacheMethod: 'none', errorHandler: () => {} }));
  }
  const queue = new PQueue({ concurrency: options.concurrency });
  const scale = (options.dpi ?? 300) / 72;

  const readOne = async (file: string): Promise<NaiveResult> => {
    let doc;
    try {
      doc = await pdfjs.getDocument({ url: pathToFileURL(file), verbosity: 0, standardFontDataUrl: `${pathToFileURL(path.join(PDFJS_DIR, 'standard_fonts')).href}/` }).promise;
    } catch {
      return { status: 'unreadable', source: null, number: null, suffixed: false, typeCode: null, date: null };
    }
    try {
      const page = await doc.getPage(1);
      const content = await page.getTextContent();
      const text = content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : '')).join('').normalize('NFC');
      if ((text.match(/\p{L}/gu) ?? []).length >= 100) return { status: 'ok', source: 'text', ...parseNaively(text) };
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvasContext: ctx as never, canvas: canvas as never, viewport }).promise;
      const png = canvas.toBuffer('image/png');
      const { data } = await scheduler.addJob('recognize', png);
      return { status: 'ok', source: 'ocr', ...parseNaively(data.text.normalize('NFC')) };
    } catch {
      return { status: 'unreadable', source: null, number: null, suffixed: false, typeCode: null, date: null };
    } finally {
      await doc.destroy();
    }
  };

  return {
    read: (file: string) => queue.add(() => readOne(file)) as Promise<NaiveResult>,
    close: async () => {
      await queue.onIdle();
      await scheduler.terminate();
    },
  };
}
