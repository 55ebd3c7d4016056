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
//
// A reader process reads one document after another, most embedding the same few fonts (whole or
// subset): a TrueType glyph's outline, which depends only on its glyf programs and the font matrix,
// is compiled once and shared with later documents, and its canvas path built once (`outlineKey`).

/** What the patched worker calls, on `globalThis` under this symbol: true when it deferred the outline. */
export const DEFER_GLYPH_PATH = Symbol.for('cchc.deferGlyphPath');

/** Outline compilers not yet asked for, per registered document (pdf.js's `docId`), by object id. */
const pending = new Map<string, Map<string, () => string>>();

/**
 * The worker's hook: keep `compile` for `glyphName` (`g_<docId>_f<n>_path_<char>`, pdf.js's
 * `${font.loadedName}_path_${fontChar}`) when its document is registered; false otherwise (the
 * worker then compiles and posts it as usual). `font` is the worker's font: when the outline is
 * compiled, its outline compiler (`font.renderer`, built by pdf.js when first asked for) is made to
 * share TrueType glyphs' outlines across documents (`shareOutlines`).
 */
function deferGlyphPath(glyphName: string, compile: () => string, font?: { readonly renderer: GlyphCompiler }): boolean {
  // A page meets the same few fonts tens of thousands of times: their document is looked up once.
  if (!glyphName.startsWith(last.prefix)) {
    const docId = /^g_([^_]+)_/u.exec(glyphName)?.[1];
    last = docId === undefined ? NO_DOCUMENT : { prefix: `g_${docId}_`, glyphs: pending.get(docId) };
  }
  if (!last.glyphs) return false;
  last.glyphs.set(glyphName, font ? () => (shareOutlines(font.renderer), compile()) : compile);
  return true;
}

const NO_DOCUMENT: { prefix: string; glyphs: Map<string, () => string> | undefined } = { prefix: '\u0000', glyphs: undefined };
/** The document of the last outline deferred (or not). */
let last = NO_DOCUMENT;

/** pdf.js's worker-side outline compiler of one font (`CompiledFont`), as far as it is used here. */
export interface GlyphCompiler {
  fontMatrix: number[];
  /** The font's glyph programs by glyph id (TrueType: `glyf` entries). */
  glyphs: Array<Uint8Array | undefined>;
  compileGlyph(code: Uint8Array | undefined, glyphId: number): string;
}

/** Outline compilers already sharing their outlines. */
const sharing = new WeakSet<GlyphCompiler>();
/** Outlines by font matrix and glyph program (`outlineKey`), across documents. */
const sharedOutlines = new Map<string, string>();
/** Canvas paths by outline, across documents (pdf.js copies the one it is given). */
const sharedPaths = new Map<string, unknown>();
/** Outlines compiled and outlines taken from another document's compilation, since the process started. */
const sharingCounts = { compiled: 0, shared: 0 };

/** How many TrueType outlines were compiled, and how many were shared instead (for tests and benchmarks). */
export function outlineSharing(): { compiled: number; shared: number } {
  return { ...sharingCounts };
}

/** Either cache is emptied when it holds this many entries: some 5,000 outlines (keys, SVG text and canvas paths, a few KB each) stay within some 25 MB of a reader process. */
const SHARED_LIMIT = 5_000;

/**
 * The key of a TrueType glyph's outline: its font matrix and its `glyf` program, and for a
 * composite glyph its parts' programs in turn. The outline is those programs' points under the
 * matrix and nothing else (pdf.js's `compileGlyf` reads the font only for a composite glyph's
 * parts), so two documents embedding the same font, whole or subset, share it. A part's glyph id,
 * which differs between two subsets of one font, is left out of the key (its program is in it).
 * `glyphs` are the font's programs by glyph id. Null for an empty glyph, or a composite one that
 * cannot be followed (a part missing or nested too deep): compiled as before.
 */
export function outlineKey(fontMatrix: readonly number[], code: Uint8Array | undefined, glyphs: ReadonlyArray<Uint8Array | undefined>): string | null {
  const program = glyfProgram(code, glyphs, 0);
  return program === null ? null : `${fontMatrix.join(' ')}|${program}`;
}

/** TrueType composite glyph flags (OpenType `glyf` table). */
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;
/** Composite glyphs nested deeper than this are not shared (pdf.js follows them; fonts nest one or two). */
const MAX_NESTING = 8;

/** A glyph's program as key text (a character a byte), its parts' glyph ids zeroed and their programs after it; null as in `outlineKey`. */
function glyfProgram(code: Uint8Array | undefined, glyphs: ReadonlyArray<Uint8Array | undefined>, depth: number): string | null {
  if (!code || code.length < 10 || depth > MAX_NESTING) return null;
  if (((code[0]! << 8) | code[1]!) < 0x8000) return `S${byteText(code)}`;
  const copy = code.slice();
  const parts: string[] = [];
  for (let i = 10, flags = MORE_COMPONENTS; flags & MORE_COMPONENTS;) {
    if (i + 4 > copy.length) return null;
    flags = (copy[i]! << 8) | copy[i + 1]!;
    const part = glyfProgram(glyphs[(copy[i + 2]! << 8) | copy[i + 3]!], glyphs, depth + 1);
    if (part === null) return null;
    parts.push(part);
    copy[i + 2] = 0;
    copy[i + 3] = 0;
    i += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    i += flags & WE_HAVE_A_SCALE ? 2 : flags & WE_HAVE_AN_X_AND_Y_SCALE ? 4 : flags & WE_HAVE_A_TWO_BY_TWO ? 8 : 0;
  }
  // Lengths first: no two different sets of programs make the same key.
  return `C${copy.length}:${byteText(copy)}${parts.map((p) => `${p.length}:${p}`).join('')}`;
}

/** Bytes as text, one character (U+0000–U+00FF) a byte, in chunks within the engine's argument limit. */
function byteText(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return text;
}

/**
 * Make a TrueType outline compiler (pdf.js's `TrueTypeCompiled`, the one of every font with a
 * `glyf` table) take a glyph's outline from `sharedOutlines` when another document compiled the
 * same programs (`outlineKey`). Compilers of other kinds (CFF, Type 1) compile as before.
 */
function shareOutlines(compiler: GlyphCompiler): void {
  if (sharing.has(compiler) || compiler.constructor.name !== 'TrueTypeCompiled') return;
  sharing.add(compiler);
  const own = compiler.compileGlyph.bind(compiler);
  compiler.compileGlyph = (code, glyphId) => {
    const key = outlineKey(compiler.fontMatrix, code, compiler.glyphs);
    if (key === null) return own(code, glyphId);
    if (sharedOutlines.has(key)) sharingCounts.shared += 1;
    else sharingCounts.compiled += 1;
    return remembered(sharedOutlines, key, () => own(code, glyphId));
  };
}

/**
 * The canvas path of `outline` (an SVG path), built once across documents: pdf.js's
 * `getPathGenerator` copies the path it is given (`new Path2D(path)`), which costs less than
 * parsing the text again. The text itself where the process has no `Path2D`.
 */
function pathOf(outline: string): unknown {
  const Path2D = (globalThis as { Path2D?: new (d?: unknown) => unknown }).Path2D;
  if (!Path2D || outline === '') return outline;
  return remembered(sharedPaths, outline, () => new Path2D(outline));
}

/** `cache`'s value for `key`, made and kept when missing; the cache is emptied first when it holds SHARED_LIMIT entries. */
function remembered<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= SHARED_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

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
    return pathOf(compile());
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
