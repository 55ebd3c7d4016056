// A reader process: pdf.js and Tesseract run here, one file at a time, so a PDF that hangs,
// crashes or eats memory takes down only this process, which the pool replaces.
// Spawned by ReaderPool from the compiled dist/ file; speaks over the IPC channel.
import { DigitRecognizer } from './handwriting/recognizer.js';
import { ImageError, imageAsPdf } from './image-evidence.js';
import { OcrEngine } from './ocr-engine.js';
import { dieWithParent } from './parent-watch.js';
import { type Phases, PhaseTimer } from './phase-timer.js';
import { readPdf } from './read-pdf.js';
import { pdfDetail, type PdfReading, unreadable } from './reading.js';

export type ReaderRequest = { type: 'read'; id: number; file: string; citationPages?: number; crop?: boolean } | { type: 'close' };

export type ReaderReply =
  | { type: 'ready'; pid: number }
  | { type: 'ocr'; id: number; regions: number }
  | { type: 'done'; id: number; reading: PdfReading; ocrRegions: number; rss: number; cpuMs: number; phases?: Phases; crop?: Uint8Array };

// Ctrl-C at a terminal signals the whole process group, this process included: the run decides (it
// stops between files and names those it was reading) and this process ends with it (dieWithParent),
// so a stop is never reported as a reader crash. The pool itself ends processes with SIGKILL.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});

const ocr = new OcrEngine();
// The handwriting model loads on the first file that needs it, once per process.
const handwriting = new DigitRecognizer();
let current: number | null = null;

function send(reply: ReaderReply): void {
  process.send?.(reply);
}

async function handle(request: ReaderRequest): Promise<void> {
  if (request.type === 'close') {
    await ocr.close();
    await handwriting.close();
    process.exit(0);
  }
  current = request.id;
  let regions = 0;
  const cpu = process.cpuUsage();
  const cpuMs = () => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
  const phases = new PhaseTimer();
  let image: Awaited<ReturnType<typeof imageAsPdf>> = null;
  try {
    // A JPEG/PNG photo of a document is read as a scanned page.
    try {
      image = await imageAsPdf(request.file);
    } catch (error) {
      if (error instanceof ImageError) {
        send({ type: 'done', id: request.id, reading: unreadable(error.message), ocrRegions: 0, rss: process.memoryUsage().rss, cpuMs: cpuMs() });
        return;
      }
    }
    const { reading, ocrRegions, crop } = await readPdf(image?.file ?? request.file, {
      ocr,
      handwriting,
      phases,
      crop: request.crop === true,
      ...(request.citationPages === undefined ? {} : { citationPages: request.citationPages }),
      onOcr: () => send({ type: 'ocr', id: request.id, regions: ++regions }),
    });
    send({ type: 'done', id: request.id, reading, ocrRegions, rss: process.memoryUsage().rss, cpuMs: cpuMs(), phases: phases.totals, ...(crop ? { crop } : {}) });
  } catch (error) {
    send({ type: 'done', id: request.id, reading: unreadable(`lỗi khi đọc tệp PDF (${pdfDetail((error as Error).message ?? String(error))})`), ocrRegions: regions, rss: process.memoryUsage().rss, cpuMs: cpuMs() });
  } finally {
    await image?.remove();
    current = null;
  }
}

// Whatever escapes becomes this file's outcome; then the process exits and the pool starts a fresh one.
function fatal(error: unknown): void {
  if (current !== null) {
    send({ type: 'done', id: current, reading: unreadable(`trình đọc PDF gặp lỗi (${pdfDetail((error as Error)?.message ?? String(error))})`), ocrRegions: 0, rss: process.memoryUsage().rss, cpuMs: 0 });
  }
  setTimeout(() => process.exit(70), 50);
}

process.on('uncaughtException', fatal);
process.on('unhandledRejection', (reason) => {
  // pdf.js cancels its whole-file stream once it switches to range reads, and leaves that rejection unhandled.
  if ((reason as { name?: string } | null)?.name === 'AbortException') return;
  fatal(reason);
});
process.on('disconnect', () => process.exit(0));
dieWithParent();
process.on('message', (message: ReaderRequest) => {
  void handle(message);
});
send({ type: 'ready', pid: process.pid });
