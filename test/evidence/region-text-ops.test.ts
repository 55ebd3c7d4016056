// Rendering only a band of a page: text lines wholly outside it are left out, and the picture is
// the same as when the whole page's text is drawn. Anything the filter cannot follow is drawn.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { greyFromRgba, openPdf, renderRegion } from '../../pipeline/evidence/pdf-page.js';
import { BandTextFilter, type FontInfo, type OperatorList } from '../../pipeline/evidence/region-text-ops.js';
import { PDFDocument, StandardFonts } from 'pdf-lib';

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
    // An annotation reaching into the band (its rectangle: the top 140 pt of the page).
    const annotation: Array<[number, unknown[] | null]> = [[OPS.beginAnnotation, ['a1', [0, 702, 595, 842], [1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0, 0], false]], ...line(300), [OPS.endAnnotation, null], ...line(300)];
    expect(shown(decide(annotation), annotation)).toEqual([true, false]);
    const ops = line(300);
    expect(shown(decide(ops, 200, () => ({ type3: true, scale: 1 })), ops)).toEqual([true]);
    expect(shown(decide(ops, 200, () => null), ops)).toEqual([true]);
  });

  it('leaves out an image painted wholly outside the band, and draws one that reaches into it', () => {
    const image = (y: number, h: number): Array<[number, unknown[] | null]> => [[OPS.save, null], [OPS.transform, [120, 0, 0, h, 85, y]], [OPS.paintImageXObject, ['img_p0_1', 120, h]], [OPS.restore, null]];
    // A seal at the foot of the page; a logo at the top; one from the band's lower edge down (device rows 180…250).
    const ops = [...image(80, 120), ...image(760, 60), ...image(662, 50)];
    const decisions = decide(ops);
    expect(decisions.filter((_, i) => ops[i]![0] === OPS.paintImageXObject)).toEqual([false, true, true]);
    // Inside an annotation reaching into the band, an image is drawn wherever it is.
    const inside: Array<[number, unknown[] | null]> = [[OPS.beginAnnotation, ['a1', [0, 0, 595, 842], [1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 0, 0], false]], ...image(80, 120), [OPS.endAnnotation, null]];
    expect(decide(inside).filter((_, i) => inside[i]![0] === OPS.paintImageXObject)).toEqual([true]);
  });

  it('leaves out, whole, an annotation whose rectangle lies outside the band (pdf.js clips it there)', () => {
    const widget: Array<[number, unknown[] | null]> = [[OPS.beginAnnotation, ['a2', [300, 40, 560, 120], [1, 0, 0, 1, 0, 0], [1, 0, 0, 1, 300, 40], false]], ...line(790), [OPS.endAnnotation, null], ...line(790)];
    expect(decide(widget)).toEqual([false, false, false, false, false, false, false, true, true, true, true, true]);
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

/** A page with a header line, a seal picture and a signature field near its foot. */
async function sealAndWidgetPage(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('UBND TINH HUNG YEN    So: 125/KH-SXD    ngay 4 thang 1 nam 2021', { x: 60, y: 790, size: 12, font });
  const seal = createCanvas(200, 200);
  const ctx = seal.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 200, 200);
  ctx.strokeStyle = '#d4002a';
  ctx.lineWidth = 12;
  ctx.beginPath();
  ctx.arc(100, 100, 80, 0, 2 * Math.PI);
  ctx.stroke();
  const picture = await pdf.embedPng(seal.toBuffer('image/png'));
  page.drawImage(picture, { x: 330, y: 60, width: 120, height: 120 });
  const field = pdf.getForm().createTextField('ky');
  field.setText('Ky boi: Nguyen Van An');
  field.addToPage(page, { x: 300, y: 30, width: 220, height: 30, font });
  return pdf.save();
}

describe('a band rendered without the text outside it', () => {
  it("is pixel for pixel the band rendered with all the page's text, for the sample batch's PDFs", async () => {
    // Every other file's header band, every sixth file's middle band: signed, stamped, scanned,
    // legacy-font and consolidated texts are all among them.
    const files = await pdfsUnder('fixtures/sample-batch/units');
    let compared = 0;
    let leftOut = 0;
    let imagesOut = 0;
    let annotationsOut = 0;
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
          imagesOut += band.imagesLeftOut ?? 0;
          annotationsOut += band.annotationsLeftOut ?? 0;
        }
      } finally {
        await doc.destroy();
      }
    }
    expect(compared).toBeGreaterThan(100);
    // Most of a page's lines lie outside a band of it.
    expect(leftOut).toBeGreaterThan(10 * compared);
    // Pictures and annotations outside a band were left out too (those of a header, seen from a
    // middle band), and the picture stayed the same.
    expect(imagesOut + annotationsOut).toBeGreaterThan(0);
  }, 300_000);

  it('is the same picture with a seal and a signature widget at the foot of the page left out', async () => {
    const doc = await openPdf(await sealAndWidgetPage());
    try {
      const first = await doc.getPage(1);
      const header = { left: 0, top: 0, width: 1, height: 0.2 };
      const all = await renderRegion(first, header, 100);
      const band = await renderRegion(first, header, 100, 0, { onlyTextInRegion: true });
      expect(Buffer.from(band.image.data).equals(Buffer.from(all.image.data))).toBe(true);
      expect([band.imagesLeftOut, band.annotationsLeftOut]).toEqual([1, 1]);
      expect(band.inkPixels).toBeGreaterThan(0);
      // At the foot, both are drawn, as with nothing left out.
      const foot = { left: 0, top: 0.75, width: 1, height: 0.25 };
      const footAll = await renderRegion(first, foot, 100);
      const footBand = await renderRegion(first, foot, 100, 0, { onlyTextInRegion: true });
      expect(Buffer.from(footBand.image.data).equals(Buffer.from(footAll.image.data))).toBe(true);
      expect([footBand.imagesLeftOut, footBand.annotationsLeftOut]).toEqual([0, 0]);
      expect(footBand.image.chroma).toBeDefined();
    } finally {
      await doc.destroy();
    }
  });

  it('builds no annotation appearance when none reaches into the band, and draws the same picture', async () => {
    // Each band rendered first on its own document (an earlier rendering's operator list, annotations
    // included, would be reused), against the whole page's own rendering of the same rows.
    const bytes = await sealAndWidgetPage();
    const header = { left: 0, top: 0, width: 1, height: 0.2 };
    const foot = { left: 0, top: 0.75, width: 1, height: 0.25 };
    for (const [region, annotationsLeftOut] of [[header, 1], [foot, 0]] as const) {
      const [bandDoc, allDoc] = [await openPdf(bytes.slice()), await openPdf(bytes.slice())];
      try {
        const band = await renderRegion(await bandDoc.getPage(1), region, 100, 0, { onlyTextInRegion: true });
        const all = await renderRegion(await allDoc.getPage(1), region, 100);
        expect(Buffer.from(band.image.data).equals(Buffer.from(all.image.data))).toBe(true);
        expect(band.annotationsLeftOut).toBe(annotationsLeftOut);
        expect(band.inkPixels).toBeGreaterThan(0);
      } finally {
        await bandDoc.destroy();
        await allDoc.destroy();
      }
    }
  });

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
