// Glyph outlines compiled when drawn: pdf.js's worker, as the reader loads it, hands a registered
// document's outlines over uncompiled; a header band compiles only those of the glyphs it draws,
// and every picture is pixel for pixel the one pdf.js draws with all outlines compiled up front.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFER_GLYPH_PATH, deferringDocuments, outlineKey, outlineSharing } from '../../pipeline/evidence/glyph-paths.js';
import { openPdf, renderRegion } from '../../pipeline/evidence/pdf-page.js';
import { GLYPH_PATHS_DEFERRED } from '../../pipeline/evidence/pdfjs.js';

type Hook = (glyphName: string, compile: () => string, font?: unknown) => boolean;
const hooks = globalThis as unknown as Record<symbol, Hook>;
const original = hooks[DEFER_GLYPH_PATH]!;

/** Count the outlines the worker defers (distinct names) and those compiled afterwards. */
function countOutlines(): { deferred: Set<string>; compiled: number } {
  const seen = { deferred: new Set<string>(), compiled: 0 };
  hooks[DEFER_GLYPH_PATH] = (name, compile, font) => {
    const deferred = original(name, () => {
      seen.compiled += 1;
      return compile();
    }, font);
    if (deferred) seen.deferred.add(name);
    return deferred;
  };
  return seen;
}

afterEach(() => {
  hooks[DEFER_GLYPH_PATH] = original;
});

async function samplePdfs(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.name.endsWith('.pdf')) out.push(full);
    }
  };
  await walk('fixtures/sample-batch/units');
  return out.sort();
}

const HEADER = { left: 0, top: 0, width: 1, height: 0.25 };
const WHOLE = { left: 0, top: 0, width: 1, height: 1 };

describe('glyph outlines compiled when drawn', () => {
  it('is how the reader loads pdf.js: the pinned worker has the statement that is changed', () => {
    expect(GLYPH_PATHS_DEFERRED).toBe(true);
  });

  it("draws every sample PDF's header band and whole page pixel for pixel as pdf.js's own way", async () => {
    const files = (await samplePdfs()).filter((_, k) => k % 4 === 0);
    let compared = 0;
    for (const file of files) {
      const bytes = new Uint8Array(await readFile(file));
      let deferred;
      let eager;
      try {
        deferred = await openPdf(bytes.slice());
        eager = await openPdf(bytes.slice(), { eagerGlyphPaths: true });
      } catch {
        await deferred?.destroy();
        continue; // the sample's broken PDFs
      }
      try {
        const [a, b] = [await deferred.getPage(1), await eager.getPage(1)];
        for (const [region, band] of [[HEADER, true], [WHOLE, false]] as const) {
          const ours = await renderRegion(a, region, 72, 0, { onlyTextInRegion: band });
          const theirs = await renderRegion(b, region, 72, 0, { onlyTextInRegion: band });
          expect(Buffer.from(ours.image.data).equals(Buffer.from(theirs.image.data)), `${file} ${band ? 'header' : 'page'}`).toBe(true);
          compared += 1;
        }
      } finally {
        await deferred.destroy();
        await eager.destroy();
      }
    }
    expect(compared).toBeGreaterThan(60);
    expect(deferringDocuments()).toBe(0);
  }, 300_000);

  it('compiles an outline once across documents that embed the same glyphs (every sample PDF above drew the same as eager)', async () => {
    const files = (await samplePdfs()).filter((f) => f.includes(`${path.sep}STP${path.sep}`)).slice(0, 2);
    const before = outlineSharing();
    for (const file of files) {
      const doc = await openPdf(new Uint8Array(await readFile(file)));
      try {
        await renderRegion(await doc.getPage(1), HEADER, 100, 0, { onlyTextInRegion: true });
      } finally {
        await doc.destroy();
      }
    }
    const after = outlineSharing();
    // The second document's header (and the first's, after the test above) takes its outlines from the first's.
    expect(after.shared - before.shared).toBeGreaterThan(after.compiled - before.compiled);
  });

  it('compiles, for a header band, only the outlines of the glyphs drawn in it', async () => {
    const file = (await samplePdfs()).find((f) => f.includes(`${path.sep}STP${path.sep}`))!;
    const seen = countOutlines();
    const doc = await openPdf(new Uint8Array(await readFile(file)));
    try {
      expect(deferringDocuments()).toBe(1);
      const band = await renderRegion(await doc.getPage(1), { left: 0, top: 0, width: 1, height: 0.2 }, 100, 0, { onlyTextInRegion: true });
      expect(band.inkPixels).toBeGreaterThan(0);
      expect(seen.compiled).toBeGreaterThan(0);
      expect(seen.compiled).toBeLessThan(seen.deferred.size);
    } finally {
      await doc.destroy();
    }
    // Destroyed, the document's outlines not drawn are forgotten.
    expect(deferringDocuments()).toBe(0);
  });

  it("leaves a document opened another way to pdf.js's own way", async () => {
    const file = (await samplePdfs())[0]!;
    const seen = countOutlines();
    const doc = await openPdf(new Uint8Array(await readFile(file)), { eagerGlyphPaths: true });
    try {
      expect(deferringDocuments()).toBe(0);
      await renderRegion(await doc.getPage(1), HEADER, 72);
      expect(seen.deferred.size).toBe(0);
    } finally {
      await doc.destroy();
    }
  });
});

describe('the key an outline is shared under (TrueType glyf programs)', () => {
  const MATRIX = [0.000488, 0, 0, 0.000488, 0, 0];
  /** A simple glyph's program: contour count, bounding box, then (here) arbitrary point data. */
  const simple = (...rest: number[]) => Uint8Array.from([0, 1, 0, 0, 0, 0, 0, 10, 0, 10, ...rest]);
  /** A composite glyph: contour count -1, bounding box, then parts (flags, glyph id, two byte offsets). */
  const composite = (...parts: Array<[id: number, dx: number, dy: number]>) =>
    Uint8Array.from([0xff, 0xff, 0, 0, 0, 0, 0, 10, 0, 10, ...parts.flatMap(([id, dx, dy], k) => [0, k < parts.length - 1 ? 0x22 : 0x02, id >> 8, id & 0xff, dx, dy])]);

  it("is a simple glyph's program under its font matrix", () => {
    expect(outlineKey(MATRIX, simple(1, 2, 3), [])).toBe(outlineKey(MATRIX, simple(1, 2, 3), []));
    expect(outlineKey(MATRIX, simple(1, 2, 3), [])).not.toBe(outlineKey(MATRIX, simple(1, 2, 4), []));
    expect(outlineKey(MATRIX, simple(1, 2, 3), [])).not.toBe(outlineKey([0.001, 0, 0, 0.001, 0, 0], simple(1, 2, 3), []));
  });

  it("is the same for a composite glyph in two subsets whose parts have other glyph ids but the same programs", () => {
    const e = simple(7, 7);
    const dot = simple(9);
    const inOne = outlineKey(MATRIX, composite([3, 0, 0], [5, 2, 40]), [undefined, undefined, undefined, e, undefined, dot]);
    const inOther = outlineKey(MATRIX, composite([1, 0, 0], [2, 2, 40]), [undefined, e, dot]);
    expect(inOne).not.toBeNull();
    expect(inOther).toBe(inOne);
  });

  it("differs when a part's program or its placement differs", () => {
    const glyphs = [undefined, simple(7, 7), simple(9), simple(8)];
    const base = outlineKey(MATRIX, composite([1, 0, 0], [2, 2, 40]), glyphs);
    expect(outlineKey(MATRIX, composite([1, 0, 0], [3, 2, 40]), glyphs)).not.toBe(base);
    expect(outlineKey(MATRIX, composite([1, 0, 0], [2, 2, 41]), glyphs)).not.toBe(base);
  });

  it('is none for an empty glyph, or a composite whose part is missing or which is cut short (compiled as before)', () => {
    expect(outlineKey(MATRIX, undefined, [])).toBeNull();
    expect(outlineKey(MATRIX, new Uint8Array(0), [])).toBeNull();
    expect(outlineKey(MATRIX, composite([4, 0, 0]), [simple(1)])).toBeNull();
    expect(outlineKey(MATRIX, composite([0, 0, 0]).subarray(0, 12), [simple(1)])).toBeNull();
  });
});
