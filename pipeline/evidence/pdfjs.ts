// pdf.js, loaded once per reader process with Node's own built-ins kept. The legacy build (the one
// that runs on Node 20) carries core-js polyfills, and two of them replace a built-in for the whole
// process although Node's is fine for everything pdf.js does: `Array.prototype.push` (core-js's is
// some 6× slower: it is there only because V8 does not throw on `push()` with no argument onto an
// array whose length is read-only) and `JSON.parse` (for the reviver's source text, which nothing
// here uses). pdf.js pushes every operation of a page and every command of a glyph's outline, and
// the whole reader process (OCR, handwriting, our own code) pushes too. Both are put back once
// pdf.js and its worker are loaded. The worker runs in this same process (pdf.js's "fake worker"
// on Node); it is loaded here, not at the first document, so that its polyfills are undone too.
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The built-ins pdf.js's polyfills replace: [owner, name]. */
const KEPT: Array<[object, string]> = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
];

const natives = KEPT.map(([owner, name]) => [owner, name, Object.getOwnPropertyDescriptor(owner, name)] as const);

export const pdfjs: typeof PdfJs = await import('pdfjs-dist/legacy/build/pdf.mjs');
/** pdf.js looks for its worker's module here before importing it itself (the package ships no types for it). */
const WORKER: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await import(WORKER);

for (const [owner, name, descriptor] of natives) if (descriptor) Object.defineProperty(owner, name, descriptor);
