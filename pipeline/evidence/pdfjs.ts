// pdf.js, loaded once per reader process with Node's own built-ins kept. The legacy build (the one
// that runs on Node 20) carries core-js polyfills, and two of them replace a built-in for the whole
// process although Node's is fine for everything pdf.js does: `Array.prototype.push` (core-js's is
// some 6× slower: it is there only because V8 does not throw on `push()` with no argument onto an
// array whose length is read-only) and `JSON.parse` (for the reviver's source text, which nothing
// here uses). pdf.js pushes every operation of a page and every command of a glyph's outline, and
// the whole reader process (OCR, handwriting, our own code) pushes too. Both are put back once
// pdf.js and its worker are loaded. The worker runs in this same process (pdf.js's "fake worker"
// on Node); it is loaded here, not at the first document, so that its polyfills are undone too.
//
// The worker is loaded with one statement changed: its glyph outlines are compiled when drawn, for
// the documents that ask for it (glyph-paths.ts). The statement is looked for verbatim in the pinned
// pdfjs-dist; should it not be there, the worker is loaded as shipped and outlines are compiled as
// before (`GLYPH_PATHS_DEFERRED` says which).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DEFER_GLYPH_PATH } from './glyph-paths.js';

/** The built-ins pdf.js's polyfills replace: [owner, name]. */
const KEPT: Array<[object, string]> = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
];

const natives = KEPT.map(([owner, name]) => [owner, name, Object.getOwnPropertyDescriptor(owner, name)] as const);

export const pdfjs: typeof PdfJs = await import('pdfjs-dist/legacy/build/pdf.mjs');
/** pdf.js looks for its worker's module here before importing it itself (the package ships no types for it). */
const WORKER: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/** In the worker's `PartialEvaluator.buildFontPaths`: compile a glyph's outline and post it. */
export const WORKER_POSTS_OUTLINE = 'handler.send("commonobj", [glyphName, "FontPath", font.renderer.getPathJs(fontChar)]);';
/** The same, unless the document's outlines are deferred (glyph-paths.ts). */
const WORKER_DEFERS_OUTLINE = `if (!globalThis[Symbol.for(${JSON.stringify(DEFER_GLYPH_PATH.description)})]?.(glyphName, () => font.renderer.getPathJs(fontChar), font)) ${WORKER_POSTS_OUTLINE}`;
/** The module's one export: the worker also sets `globalThis.pdfjsWorker` itself. */
const WORKER_EXPORT = 'export { WorkerMessageHandler };';

/**
 * Run the worker's module with outlines deferred, as a function in this context, under its own
 * file name (stack traces name pdf.worker.mjs and its lines); false when the statement is not
 * found exactly once. The module's only module-only syntax is its export and `import.meta.url`.
 */
function runDeferringWorker(): boolean {
  const file = createRequire(import.meta.url).resolve(WORKER);
  const source = readFileSync(file, 'utf8');
  if (source.split(WORKER_POSTS_OUTLINE).length !== 2 || source.split(WORKER_EXPORT).length !== 2) return false;
  const body = source.replace(WORKER_POSTS_OUTLINE, WORKER_DEFERS_OUTLINE).replace(WORKER_EXPORT, '').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href));
  // On the first line, so that the worker's lines keep their numbers.
  vm.runInThisContext(`(function () { "use strict"; ${body}\n})();`, { filename: file, importModuleDynamically: ((specifier: string) => import(specifier)) as never });
  return (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker !== undefined;
}

/** The worker in this process compiles glyph outlines when drawn (for documents that ask). */
export const GLYPH_PATHS_DEFERRED = (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker === undefined && (() => {
  try {
    return runDeferringWorker();
  } catch {
    return false;
  }
})();
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await import(WORKER);

for (const [owner, name, descriptor] of natives) if (descriptor) Object.defineProperty(owner, name, descriptor);
