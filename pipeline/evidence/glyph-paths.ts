// Glyph outlines built when a glyph is drawn, not when pdf.js's worker meets it. With
// `disableFontFace` (always, on Node) the worker compiles the outline of every glyph a page shows
// while it builds the page's operator list and posts each one over to be drawn: for the audit's
// header crop, whose rendering leaves out the lines outside the header (region-text-ops.ts), most
// of those outlines are never drawn, and compiling them was the larger part of a crop's cost.
//
// pdf.js runs its worker in this same process (its "fake worker" on Node), so the worker's
// `buildFontPaths` is made to hand each outline's compiler to `deferGlyphPath` below (pdfjs.ts
// loads the worker so), for documents opened through `deferGlyphPaths`; the page's common objects
// then compile an outline when the canvas asks for it. The outline is the worker's own compiler's
// output in either case: the same picture. Documents not registered get their outlines as before.

/** What the patched worker calls, on `globalThis` under this symbol: true when it deferred the outline. */
export const DEFER_GLYPH_PATH = Symbol.for('cchc.deferGlyphPath');

/** Outline compilers not yet asked for, per registered document (pdf.js's `docId`), by object id. */
const pending = new Map<string, Map<string, () => string>>();

/**
 * The worker's hook: keep `compile` for `glyphName` (`g_<docId>_f<n>_path_<char>`, pdf.js's
 * `${font.loadedName}_path_${fontChar}`) when its document is registered; false otherwise (the
 * worker then compiles and posts it as usual).
 */
function deferGlyphPath(glyphName: string, compile: () => string): boolean {
  // A page meets the same few fonts tens of thousands of times: their document is looked up once.
  if (!glyphName.startsWith(last.prefix)) {
    const docId = /^g_([^_]+)_/u.exec(glyphName)?.[1];
    last = docId === undefined ? NO_DOCUMENT : { prefix: `g_${docId}_`, glyphs: pending.get(docId) };
  }
  if (!last.glyphs) return false;
  last.glyphs.set(glyphName, compile);
  return true;
}

const NO_DOCUMENT: { prefix: string; glyphs: Map<string, () => string> | undefined } = { prefix: '\u0000', glyphs: undefined };
/** The document of the last outline deferred (or not). */
let last = NO_DOCUMENT;

(globalThis as Record<symbol, unknown>)[DEFER_GLYPH_PATH] = deferGlyphPath;

/** pdf.js's PDFObjects, as far as it is used here. */
interface CommonObjs {
  get(objId: string, callback?: ((data: unknown) => void) | null): unknown;
  has(objId: string): boolean;
}

/**
 * Register the document `docId` (its loading task's `docId`) whose common objects are `objs`: the
 * worker defers its glyph outlines from now on, and `objs.get` compiles one the first time it is
 * asked for. Returns the function that forgets the document's pending outlines (call it when the
 * document is destroyed).
 */
export function deferGlyphPaths(docId: string, objs: CommonObjs): () => void {
  const glyphs = new Map<string, () => string>();
  pending.set(docId, glyphs);
  last = NO_DOCUMENT;
  const get = objs.get.bind(objs);
  objs.get = (objId, callback = null) => {
    const compile = callback || objs.has(objId) ? undefined : glyphs.get(objId);
    if (!compile) return get(objId, callback);
    glyphs.delete(objId);
    // A glyph that cannot be compiled throws, as its missing object did: pdf.js draws nothing for it.
    return compile();
  };
  return () => {
    pending.delete(docId);
    last = NO_DOCUMENT;
  };
}

/** Documents registered and not yet forgotten (for tests: none is left behind). */
export function deferringDocuments(): number {
  return pending.size;
}
