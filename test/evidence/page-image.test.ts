// Telling from a PDF's bytes alone that it holds no image XObject, so a text-layer PDF is not
// parsed in search of a scan under its text; and when page 1 is its image alone, invisible text aside.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beginText, endText, moveText, PDFDocument, type PDFFont, type PDFPage, setFontAndSize, setTextRenderingMode, showText, StandardFonts, TextRenderingMode } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { mayHaveImageXObject, pageOneImage } from '../../pipeline/evidence/page-image.js';
import { renderDocument } from '../../scripts/lib/decree30-pdf.js';
import { renderScannedDocument } from '../../scripts/lib/scan-pdf.js';
import { planSpec } from './fixtures.js';

describe('mayHaveImageXObject', () => {
  it('a Word export without pictures holds none; a scan does', async () => {
    expect(mayHaveImageXObject(await renderDocument(planSpec()))).toBe(false);
    expect(mayHaveImageXObject(await renderScannedDocument(planSpec(), { seed: 1, dpi: 150, maxPages: 1 }))).toBe(true);
  });

  it('reads the name only where it ends: `/ImageB` of a ProcSet is not an image', () => {
    expect(mayHaveImageXObject(Buffer.from('<< /ProcSet [/PDF /Text /ImageB /ImageC] >>', 'latin1'))).toBe(false);
    expect(mayHaveImageXObject(Buffer.from('<</Type/XObject/Subtype/Image/Width 10>>', 'latin1'))).toBe(true);
  });

  it('a subtype written with `#` escapes (`/Im#61ge`) may be an image', () => {
    expect(mayHaveImageXObject(Buffer.from('<< /Subtype /Im#61ge /Width 10 >>', 'latin1'))).toBe(true);
  });
});

describe('pageOneImage: a scan under a scanner\'s hidden OCR layer', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const written = async (bytes: Uint8Array) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-page-image-'));
    dirs.push(dir);
    const file = path.join(dir, 'scan.pdf');
    await writeFile(file, bytes);
    return file;
  };
  /** A one-page scan with text drawn over it by `draw`. */
  const overlaid = async (draw: (page: PDFPage, font: PDFFont) => void) => {
    const doc = await PDFDocument.load(await renderScannedDocument(planSpec(), { seed: 2, dpi: 150, maxPages: 1 }));
    draw(doc.getPage(0), await doc.embedFont(StandardFonts.Helvetica));
    return written(await doc.save());
  };

  it('text filled at opacity 0 over the page image (as the generator\'s layer) paints nothing: the image is the page, when asked to allow it', async () => {
    const file = await written(await renderScannedDocument(planSpec(), { seed: 2, dpi: 150, maxPages: 1, ocrTextLayer: true }));
    expect(await pageOneImage(file)).toBeNull();
    expect(await pageOneImage(file, { invisibleText: true })).toMatchObject({ kind: 'jpeg' });
  });

  it('text in render mode 3 (neither filled nor stroked, as ABBYY and Adobe write their layers) paints nothing', async () => {
    const file = await overlaid((page, font) => page.pushOperators(beginText(), setFontAndSize('Helvetica', 12), setTextRenderingMode(TextRenderingMode.Invisible), moveText(50, 700), showText(font.encodeText('So: 45/KH-UBND')), endText()));
    expect(await pageOneImage(file, { invisibleText: true })).toMatchObject({ kind: 'jpeg' });
  });

  it('visible text over the image is painted: the page is not its image alone', async () => {
    const file = await overlaid((page, font) => page.drawText('So: 45/KH-UBND', { x: 50, y: 700, size: 12, font }));
    expect(await pageOneImage(file, { invisibleText: true })).toBeNull();
  });
});
