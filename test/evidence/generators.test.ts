// The corpus generators the benchmark and the sample batch rely on: deterministic, small, and
// what they claim to be (a text layer with blanks, an overlay, a real signature, page images).
import { createHash } from 'node:crypto';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDict, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { toLegacyMojibake } from '../../scripts/lib/legacy-font-pdf.js';
import { renderScannedDocument } from '../../scripts/lib/scan-pdf.js';
import { renderSignedDocument } from '../../scripts/lib/signed-pdf.js';
import { letterSpec, planSpec, SIGNER } from './fixtures.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function pageOneText(pdf: Buffer): Promise<{ text: string; annotations: { subtype: string }[] }> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  const annotations = (await page.getAnnotations()) as { subtype: string }[];
  await doc.destroy();
  return { text: content.items.map((i) => ('str' in i ? i.str : '')).join(' '), annotations };
}

describe('renderSignedDocument', () => {
  it('is deterministic for a seed', async () => {
    const a = await renderSignedDocument(letterSpec(), { seed: 3, signer: SIGNER, box: 'text' });
    const b = await renderSignedDocument(letterSpec(), { seed: 3, signer: SIGNER, box: 'text' });
    expect(sha(a)).toBe(sha(b));
  });

  it('sig-widgets: the number and the day are signature-widget appearances drawn in an embedded subset TrueType font (Type0, Identity-H, ToUnicode), as records systems draw them', async () => {
    const pdf = await renderSignedDocument(letterSpec({ numeral: '11', symbol: 'TB-UBND', date: { day: 8, month: 1, year: 2025 } }), { seed: 11, signer: SIGNER, overlay: 'sig-widgets', box: 'none' });
    expect(sha(pdf)).toBe(sha(await renderSignedDocument(letterSpec({ numeral: '11', symbol: 'TB-UBND', date: { day: 8, month: 1, year: 2025 } }), { seed: 11, signer: SIGNER, overlay: 'sig-widgets', box: 'none' })));
    const doc = await PDFDocument.load(pdf);
    const widgets = (doc.getPage(0).node.Annots()?.asArray() ?? []).map((ref) => doc.context.lookup(ref, PDFDict))
      .filter((a) => a.get(PDFName.of('FT')) === PDFName.of('Sig') && a.get(PDFName.of('T'))?.toString() !== '(Signature1)');
    expect(widgets.map((w) => w.get(PDFName.of('T'))?.toString())).toEqual(['(SoVanBan)', '(NgayVanBan)', '(CongBao)']);
    for (const widget of widgets) {
      // /AP /N → /FRM → /n2, whose font is the subset.
      const appearance = doc.context.lookup(widget.lookup(PDFName.of('AP'), PDFDict).get(PDFName.of('N'))) as PDFRawStream;
      const frm = appearance.dict.lookup(PDFName.of('Resources'), PDFDict).lookup(PDFName.of('XObject'), PDFDict).lookup(PDFName.of('FRM')) as PDFRawStream;
      const n2 = frm.dict.lookup(PDFName.of('Resources'), PDFDict).lookup(PDFName.of('XObject'), PDFDict).lookup(PDFName.of('n2')) as PDFRawStream;
      const fonts = n2.dict.lookup(PDFName.of('Resources'), PDFDict).lookup(PDFName.of('Font'), PDFDict);
      const font = fonts.lookup(fonts.keys()[0] as PDFName, PDFDict);
      expect(font.get(PDFName.of('Subtype'))).toBe(PDFName.of('Type0'));
      expect(font.get(PDFName.of('Encoding'))).toBe(PDFName.of('Identity-H'));
      expect(font.has(PDFName.of('ToUnicode'))).toBe(true);
      expect(font.get(PDFName.of('BaseFont'))?.toString()).toMatch(/^\/[A-Z]{6}\+DejaVuSerif/u);
    }
    // The text layer alone has the blanks.
    const { text } = await pageOneText(pdf);
    expect(text).not.toMatch(/Số:\s*11/u);
  });

  it('leaves the number and the day blank in the text layer and stamps them in annotations, with a signature field and box', async () => {
    const pdf = await renderSignedDocument(letterSpec(), { seed: 3, signer: SIGNER, overlay: 'stamp', box: 'text' });
    const { text, annotations } = await pageOneText(pdf);
    expect(text).not.toContain('1234');
    expect(text).toMatch(/Số:\s+\/SGDĐT-GDTH/u);
    expect(text).toMatch(/ngày\s+tháng 7 năm 2021/u);
    expect(text).toContain('Thời gian ký: 07.07.2021');
    expect(annotations.map((a) => a.subtype).sort()).toEqual(['Stamp', 'Stamp', 'Widget']);
    expect(pdf.toString('latin1')).toMatch(/\/ByteRange \[ 0 \d+ \d+ \d+ \]/u);
  });
});

describe('renderScannedDocument', () => {
  it('is deterministic for a seed and keeps a 200 dpi page well under 300 KB', async () => {
    const options = { seed: 9, dpi: 200, skewDegrees: 1.2, noise: 0.4, fade: 0.2, jpegQuality: 45, maxPages: 1, stamp: { number: true, ink: 'blue' as const } };
    const a = await renderScannedDocument(planSpec(), options);
    const b = await renderScannedDocument(planSpec(), options);
    expect(sha(a)).toBe(sha(b));
    expect(a.length).toBeLessThan(300 * 1024);
    const { text } = await pageOneText(a);
    expect(text.trim()).toBe('');
  });
});

describe('toLegacyMojibake', () => {
  it.each([
    ['tcvn3', 'Cộng hòa xã hội chủ nghĩa Việt Nam', 'Céng hßa x· héi chñ nghÜa ViÖt Nam'],
    ['vni', 'Cộng hòa xã hội chủ nghĩa Việt Nam', 'Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam'],
  ] as const)('%s: %s', (encoding, text, mojibake) => expect(toLegacyMojibake(text, encoding)).toBe(mojibake));
});
