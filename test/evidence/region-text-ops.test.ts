// Rendering only a band of a page: text lines wholly outside it are left out, and the picture is
// the same as when the whole page's text is drawn. Anything the filter cannot follow is drawn.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { greyFromRgba, openPdf, renderRegion } from '../../pipeline/evidence/pdf-page.js';
import { BandTextFilter, type FontInfo, type OperatorList } from '../../pipeline/evidence/region-text-ops.js';

const { OPS } = pdfjs;
/** A 100 dpi rendering of an A4 page (595 × 842 pt) from its top, y flipped as pdf.js does. */
const BASE = [100 / 72, 0, 0, -100 / 72, 0, (842 * 100) / 72];
const PLAIN: FontInfo = { type3: false, scale: 1 };

/** Decisions of the filter on a list of operations, for a band of `height` device rows. */
function decide(ops: Array<[number, unknown[] | null]>, height = 200, fontOf: (name: string) => FontInfo | null = () => PLAIN): boolean[] {
  const list: OperatorList = { fnArray: ops.map((o) => o[0]), argsArray: ops.map((o) => o[1]) };
  const filter = new BandTextFilter(() => list, BASE, height, fontOf);
  return ops.map((_, i) => filter.keep(i));
}

/** A text line at `y` points from the bottom of the page, size 13. */
const line = (y: number): Array<[number, unknown[] | null]> => [[OPS.beginText, null], [OPS.setFont, ['g_f1', 13]], [OPS.setTextMatrix, [[1, 0, 0, 1, 85, y]]], [OPS.showText, [[]]], [OPS.endText, null]];
const shown = (decisions: boolean[], ops: Array<[number, unknown[] | null]>) => decisions.filter((_, i) => ops[i]![0] === OPS.showText);

describe('BandTextFilter', () => {
  it('draws a header line inside the band and leaves out a body line far below it', () => {
    const ops = [...line(790), ...line(300)];
    expect(shown(decide(ops), ops)).toEqual([true, false]);
  });

  it('follows Td, TD and T* down the page: the line that moved out of the band is left out', () => {
    const ops: Array<[number, unknown[] | null]> = [[OPS.beginText, null], [OPS.setFont, ['g_f1', 13]], [OPS.setTextMatrix, [[1, 0, 0, 1, 85, 790]]], [OPS.showText, [[]]],
      [OPS.setLeadingMoveText, [0, -15]], [OPS.showText, [[]]], [OPS.setLeading, [200]], [OPS.nextLine, null], [OPS.showText, [[]]], [OPS.moveText, [0, 150]], [OPS.showText, [[]]]];
    expect(shown(decide(ops), ops)).toEqual([true, true, false, true]);
  });

  it('follows cm and q/Q: a line placed by the CTM is judged where it lands, and restored after', () => {
    const ops: Array<[number, unknown[] | null]> = [[OPS.save, null], [OPS.transform, [1, 0, 0, 1, 0, -500]], ...line(790), [OPS.restore, null], ...line(790)];
    expect(shown(decide(ops), ops)).toEqual([false, true]);
  });

  it('draws what it cannot follow: a rotated line, a clipping text mode, an annotation, a Type 3 or unknown font', () => {
    const rotated: Array<[number, unknown[] | null]> = [[OPS.beginText, null], [OPS.setFont, ['g_f1', 13]], [OPS.setTextMatrix, [[0, 1, -1, 0, 85, 300]]], [OPS.showText, [[]]]];
    expect(shown(decide(rotated), rotated)).toEqual([true]);
    const clipping: Array<[number, unknown[] | null]> = [[OPS.setTextRenderingMode, [7]], ...line(300)];
    expect(shown(decide(clipping), clipping)).toEqual([true]);
    const annotation: Array<[number, unknown[] | null]> = [[OPS.beginAnnotation, ['a1', [0, 0, 1, 1], [1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0, 0], false]], ...line(300), [OPS.endAnnotation, null], ...line(300)];
    expect(shown(decide(annotation), annotation)).toEqual([true, false]);
    const ops = line(300);
    expect(shown(decide(ops, 200, () => ({ type3: true, scale: 1 })), ops)).toEqual([true]);
    expect(shown(decide(ops, 200, () => null), ops)).toEqual([true]);
  });

  it('answers the same when asked again for an operation already decided (pdf.js resuming after a font loads)', () => {
    const ops = [...line(790), ...line(300)];
    const list: OperatorList = { fnArray: ops.map((o) => o[0]), argsArray: ops.map((o) => o[1]) };
    const filter = new BandTextFilter(() => list, BASE, 200, () => PLAIN);
    expect([filter.keep(3), filter.keep(3), filter.keep(8), filter.keep(8), filter.keep(3)]).toEqual([true, true, false, false, true]);
  });
});

async function pdfsUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await pdfsUnder(full)));
    else if (e.name.toLowerCase().endsWith('.pdf')) out.push(full);
  }
  return out.sort();
}

describe('a band rendered without the text outside it', () => {
  it("is pixel for pixel the band rendered with all the page's text, for the sample batch's PDFs", async () => {
    // Every other file's header band, every sixth file's middle band: signed, stamped, scanned,
    // legacy-font and consolidated texts are all among them.
    const files = await pdfsUnder('fixtures/sample-batch/units');
    let compared = 0;
    let leftOut = 0;
    for (const [k, file] of files.entries()) {
      const regions = [k % 2 === 0 ? { left: 0, top: 0.04, width: 1, height: 0.16 } : null, k % 6 === 1 ? { left: 0, top: 0.45, width: 1, height: 0.1 } : null];
      if (!regions.some(Boolean)) continue;
      let doc;
      try {
        // From bytes: a file read by ranges leaves pdf.js's cancelled stream rejected unhandled.
        doc = await openPdf(new Uint8Array(await readFile(file)));
      } catch {
        continue; // the sample's broken PDFs
      }
      try {
        const page = await doc.getPage(1);
        for (const region of regions) {
          if (!region) continue;
          const all = await renderRegion(page, region, 100);
          const band = await renderRegion(page, region, 100, 0, { onlyTextInRegion: true });
          expect(Buffer.from(band.image.data).equals(Buffer.from(all.image.data)), `${file} ${region.top}`).toBe(true);
          compared += 1;
          leftOut += band.textLeftOut ?? 0;
        }
      } finally {
        await doc.destroy();
      }
    }
    expect(compared).toBeGreaterThan(100);
    // Most of a page's lines lie outside a band of it.
    expect(leftOut).toBeGreaterThan(10 * compared);
  }, 300_000);

  it("reads the canvas's own pixels: the same grey as getImageData gives, coloured stamps included", async () => {
    const files = (await pdfsUnder('fixtures/sample-batch/units')).filter((_, k) => k % 15 === 0);
    for (const file of files) {
      let doc;
      try {
        doc = await openPdf(new Uint8Array(await readFile(file)));
      } catch {
        continue;
      }
      try {
        const page = await doc.getPage(1);
        const region = { left: 0, top: 0, width: 1, height: 0.3 };
        const ours = await renderRegion(page, region, 100);
        const viewport = page.getViewport({ scale: ours.image.scale });
        const canvas = createCanvas(ours.image.width, ours.image.height);
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, ours.image.width, ours.image.height);
        await page.render({ canvasContext: ctx as never, canvas: canvas as never, viewport }).promise;
        const theirs = greyFromRgba(ctx.getImageData(0, 0, ours.image.width, ours.image.height).data, ours.image.width * ours.image.height);
        expect(Buffer.from(ours.image.data).equals(Buffer.from(theirs.data)), file).toBe(true);
        expect(ours.image.chroma ? Buffer.from(ours.image.chroma).equals(Buffer.from(theirs.chroma ?? [])) : theirs.chroma === null, file).toBe(true);
      } finally {
        await doc.destroy();
      }
    }
  }, 120_000);
});
