// What changed after signing, read from the appended objects only: every file here is signed for
// real in the test (committed TEST-ONLY RSA key under the made-up test CA) and then changed the
// way editors and signing software change files (incremental updates with xref tables or
// cross-reference streams and object streams), or the way an attacker would (a cross-reference
// entry pointing back into the signed bytes, objects after the last %%EOF, a damaged xref).
import { PDFArray, PDFDocument, PDFName, PDFNumber, PDFString, rgb, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifySignatures } from '../../pipeline/evidence/signature/verify.js';
import type { SignatureCheck } from '../../pipeline/model.js';
import { appendUpdate, signRevision, type TestSigner, type UpdateOptions } from '../../scripts/lib/pdf-signing.js';
import { renderSignedDocument, testSignerCertificate } from '../../scripts/lib/signed-pdf.js';
import { letterSpec, SIGNER } from './fixtures.js';

const VALID = { notBefore: new Date(Date.UTC(2020, 0, 1)), notAfter: new Date(Date.UTC(2024, 0, 1)) };
const OFFICE: TestSigner = { ...testSignerCertificate({ agency: 'Văn phòng UBND tỉnh Lào Cai', parent: 'Tỉnh Lào Cai', email: 'vp@laocai.gov.vn' }, 78, VALID), digest: 'sha256' };

/** Page 1 is A4 (595 × 842 pt): its header zone is the top 40 %, y above 505. */
const OVER_HEADER: [number, number, number, number] = [60, 740, 200, 760];
const PAGE_FOOT: [number, number, number, number] = [60, 60, 200, 90];

/** Sở GD&ĐT's letter, signed once (RSA, SHA-256) on 07/07/2021. */
let signedOnce: Buffer;
beforeAll(async () => {
  signedOnce = await renderSignedDocument(letterSpec(), { seed: 7, signer: SIGNER, time: { hour: 14, minute: 46, second: 13 } });
});

/** Add one annotation to page 1 in an incremental update, with an appearance that draws `30a` when `drawn`. */
function annotate(pdf: Buffer, subtype: string, rect: [number, number, number, number], extra: Record<string, unknown> = {}, update?: UpdateOptions): Promise<Buffer> {
  return appendUpdate(pdf, (doc) => {
    const [x0, y0, x1, y1] = rect;
    const appearance = doc.context.register(doc.context.stream('BT /Helv 12 Tf 2 4 Td (30a) Tj ET', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, x1 - x0, y1 - y0] }));
    const annot = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: subtype, Rect: rect, Contents: PDFString.of('30a'), AP: { N: appearance }, ...extra }));
    const page = doc.getPage(0);
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (annots instanceof PDFArray) annots.push(annot);
    else page.node.set(PDFName.of('Annots'), doc.context.obj([annot]));
  }, update);
}

/** Rewrite the header: white out the number and write `30a` over it, in page 1's content. */
function rewriteHeader(pdf: Buffer, update?: UpdateOptions): Promise<Buffer> {
  return appendUpdate(pdf, async (doc) => {
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.getPage(0);
    page.drawRectangle({ x: 95, y: 760, width: 60, height: 14, color: rgb(1, 1, 1) });
    page.drawText('30a', { x: 100, y: 763, size: 12, font });
  }, update);
}

const disallowed = (s: SignatureCheck | undefined) => (s?.changes ?? []).filter((c) => !c.allowed);

describe('revisions written with cross-reference streams and object streams', () => {
  it('a second signature in an update with an xref stream and an object stream → both valid', async () => {
    const second = await signRevision(signedOnce, OFFICE, { time: new Date('2021-07-08T02:00:00Z'), field: 'Signature2', update: { xref: 'stream', objectStream: true } });
    const { status, signatures } = await verifySignatures(second);
    expect(status).toBe('valid');
    expect(signatures.map((s) => s.verdict)).toEqual(['valid', 'valid']);
    expect(new Set(signatures[0]?.changes.map((c) => c.kind))).toEqual(new Set(['signature', 'signature-field']));
  });

  it('the header rewritten in an update with an xref stream and an object stream → modified, page 1', async () => {
    const rewritten = await rewriteHeader(signedOnce, { xref: 'stream', objectStream: true });
    const { status, signatures } = await verifySignatures(rewritten);
    expect(status).toBe('modified');
    expect(new Set(disallowed(signatures[0]).map((c) => c.kind))).toEqual(new Set(['page', 'page-content']));
    expect(signatures[0]?.problems).toContain('tệp bị sửa đổi sau khi ký: nội dung trang 1');
  });

  it('a document saved with object streams (its pages inside them), signed, then rewritten → modified', async () => {
    const base = await PDFDocument.load(await renderSignedDocument(letterSpec(), { seed: 8, signer: SIGNER, signature: false }));
    const packed = Buffer.from(await base.save({ useObjectStreams: true }));
    expect(packed.includes('/ObjStm')).toBe(true);
    const signed = await signRevision(packed, OFFICE, { time: new Date('2021-07-07T09:00:00Z'), field: 'S1' });
    expect((await verifySignatures(signed)).status).toBe('valid');
    const { status, signatures } = await verifySignatures(await rewriteHeader(signed));
    expect(status).toBe('modified');
    expect(disallowed(signatures[0]).every((c) => c.page === 1)).toBe(true);
  });
});

describe('changes an attacker hides', () => {
  it('an update whose xref points an object back at a hidden definition inside the signed bytes → modified', async () => {
    // Revision 1 (before signing) carries a second definition of page 1's content stream that no
    // xref lists; after signing, an update only re-points the xref entry at it.
    const doc = await PDFDocument.load(signedOnce);
    const contents = doc.getPage(0).node.get(PDFName.of('Contents'));
    const contentNumber = Number(/^(\d+) /u.exec(String(contents))?.[1]);
    expect(contentNumber).toBeGreaterThan(0);
    const unsigned = await renderSignedDocument(letterSpec(), { seed: 7, signer: SIGNER, signature: false, time: { hour: 14, minute: 46, second: 13 } });
    const hiddenData = 'BT /F1 12 Tf 100 763 Td (30a) Tj ET';
    const hiddenAt = unsigned.length + 1;
    const lastXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/u.exec(unsigned.toString('latin1'))?.[1]);
    const root = /\/Root (\d+ \d+ R)/u.exec(unsigned.toString('latin1'))?.[1];
    const hidden = `\n${contentNumber} 0 obj\n<< /Length ${hiddenData.length} >>\nstream\n${hiddenData}\nendstream\nendobj\n`;
    const xrefAt = unsigned.length + hidden.length;
    const withHidden = Buffer.concat([unsigned, Buffer.from(`${hidden}xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 999 /Root ${root} /Prev ${lastXref} >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1')]);
    const signed = await signRevision(withHidden, OFFICE, { time: new Date('2021-07-07T09:00:00Z'), field: 'S1' });
    const before = await verifySignatures(signed);
    expect(before.signatures.at(-1)?.verdict).toBe('valid');
    const signedXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/u.exec(signed.toString('latin1'))?.[1]);
    const attack = `xref\n0 1\n0000000000 65535 f \n${contentNumber} 1\n${String(hiddenAt).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 999 /Root ${root} /Prev ${signedXref} >>\nstartxref\n${signed.length}\n%%EOF\n`;
    const attacked = Buffer.concat([signed, Buffer.from(attack, 'latin1')]);
    const { status, signatures } = await verifySignatures(attacked);
    expect(status).toBe('modified');
    expect(disallowed(signatures.at(-1))).toEqual([expect.objectContaining({ kind: 'page-content', page: 1, object: contentNumber })]);
  });

  it('objects appended after the last %%EOF, outside any xref → read as a repairing viewer would: modified', async () => {
    const doc = await PDFDocument.load(signedOnce);
    const contents = String(doc.getPage(0).node.get(PDFName.of('Contents')));
    const number = Number(/^(\d+) /u.exec(contents)?.[1]);
    const data = 'BT /F1 12 Tf 100 763 Td (30a) Tj ET';
    const appended = Buffer.concat([signedOnce, Buffer.from(`\n${number} 0 obj\n<< /Length ${data.length} >>\nstream\n${data}\nendstream\nendobj\n`, 'latin1')]);
    const { status, signatures } = await verifySignatures(appended);
    expect(status).toBe('modified');
    expect(signatures[0]?.coversRevision).toBe(true);
    expect(disallowed(signatures[0]).map((c) => c.kind)).toEqual(['page-content']);
  });

  it('an update whose xref offsets are wrong (a damaged table) → its objects are found by scanning: modified', async () => {
    const rewritten = await rewriteHeader(signedOnce);
    const text = rewritten.toString('latin1');
    const tableAt = text.lastIndexOf('\nxref\n');
    // Every offset of the last table off by 7 bytes.
    const damaged = Buffer.from(text.slice(0, tableAt) + text.slice(tableAt).replace(/^(\d{10}) (\d{5}) n/gmu, (_, offset: string, gen: string) => `${String(Number(offset) + 7).padStart(10, '0')} ${gen} n`), 'latin1');
    const { status, signatures } = await verifySignatures(damaged);
    expect(status).toBe('modified');
    expect(new Set(disallowed(signatures[0]).map((c) => c.kind))).toEqual(new Set(['page', 'page-content']));
  });
});

describe('annotations added after signing (ISO 32000-1 §12.8.2.2; no DocMDP: allowed changes, still changes)', () => {
  it.each([
    { subtype: 'FreeText', label: 'chú thích (FreeText)' },
    { subtype: 'Stamp', label: 'chú thích (Stamp)' },
    { subtype: 'Ink', label: 'chú thích (Ink)' },
    { subtype: 'Square', label: 'chú thích (Square)' },
  ])('a $subtype over page 1\'s header after the last signature → modified: annotation over the header', async ({ subtype, label }) => {
    const { status, signatures } = await verifySignatures(await annotate(signedOnce, subtype, OVER_HEADER));
    expect(status).toBe('modified');
    expect(signatures[0]?.verdict).toBe('modified');
    expect(disallowed(signatures[0]).every((c) => c.overHeader === true && c.page === 1)).toBe(true);
    expect(signatures[0]?.problems).toContain(`tệp bị sửa đổi sau khi ký: ${label} đè lên phần đầu văn bản ở trang 1 (nơi ghi số, ngày văn bản)`);
  });

  it('a text field (form widget) drawn over the header after signing → modified', async () => {
    const { status, signatures } = await verifySignatures(await annotate(signedOnce, 'Widget', OVER_HEADER, { FT: 'Tx', T: PDFString.of('so'), V: PDFString.of('30a') }));
    expect(status).toBe('modified');
    expect(signatures[0]?.problems[0]).toContain('trường biểu mẫu đè lên phần đầu văn bản ở trang 1');
  });

  it('an unsigned signature field whose appearance draws over the header after signing → modified', async () => {
    const { status, signatures } = await verifySignatures(await annotate(signedOnce, 'Widget', OVER_HEADER, { FT: 'Sig', T: PDFString.of('SoVanBan'), F: 132 }));
    expect(status).toBe('modified');
    expect(signatures[0]?.problems[0]).toBe('tệp bị sửa đổi sau khi ký: trường chữ ký chưa ký đè lên phần đầu văn bản ở trang 1 (nơi ghi số, ngày văn bản)');
  });

  it.each([
    { name: 'a FreeText at the foot of page 1', subtype: 'FreeText', rect: PAGE_FOOT, extra: {} },
    { name: 'a hidden FreeText over the header (F = Hidden)', subtype: 'FreeText', rect: OVER_HEADER, extra: { F: 2 } },
    { name: 'a link over the header', subtype: 'Link', rect: OVER_HEADER, extra: {} },
  ])('$name → allowed, the signature valid, the change noted', async ({ subtype, rect, extra }) => {
    const { status, signatures } = await verifySignatures(await annotate(signedOnce, subtype, rect, extra));
    expect(status).toBe('valid');
    expect(signatures[0]?.changes.some((c) => c.kind === 'annotation' && c.allowed && c.subtype === subtype)).toBe(true);
    expect(signatures[0]?.notes?.[0]).toMatch(new RegExp(`^sau khi ký có thêm hoặc sửa chú thích \\(${subtype}\\) trên trang 1 \\(thay đổi được phép, không thuộc phần đầu văn bản\\)$`, 'u'));
  });

  it('a FreeText over the header added before a later signature → covered by it: valid, noted on the first', async () => {
    const annotated = await annotate(signedOnce, 'FreeText', OVER_HEADER);
    const second = await signRevision(annotated, OFFICE, { time: new Date('2021-07-08T02:00:00Z'), field: 'Signature2' });
    const { status, signatures } = await verifySignatures(second);
    expect(status).toBe('valid');
    expect(signatures.map((s) => s.verdict)).toEqual(['valid', 'valid']);
    expect(signatures[0]?.notes).toContain('sau khi ký có thêm chú thích (FreeText) đè lên phần đầu văn bản ở trang 1, trước một chữ ký số sau: chữ ký sau bảo đảm nội dung này');
  });

  it('a new signature whose visible widget lies over the header → fine', async () => {
    const second = await signRevision(signedOnce, OFFICE, { time: new Date('2021-07-08T02:00:00Z'), field: 'Signature2', rect: OVER_HEADER });
    const { status, signatures } = await verifySignatures(second);
    expect(status).toBe('valid');
    expect(signatures[0]?.changes.filter((c) => c.kind === 'signature-field').every((c) => c.allowed)).toBe(true);
  });

  it('a document timestamp after a header FreeText does not cover it → still modified', async () => {
    const tsa: TestSigner = { ...testSignerCertificate({ agency: 'TSA thử nghiệm', parent: 'cchc test data', email: 'tsa@test' }, 79, { notBefore: new Date(Date.UTC(2015, 0, 1)), notAfter: new Date(Date.UTC(2040, 0, 1)) }), digest: 'sha256' };
    const annotated = await annotate(signedOnce, 'FreeText', OVER_HEADER);
    const stamped = await signRevision(annotated, tsa, { time: new Date('2021-07-09T02:00:00Z'), field: 'TS1', docTimeStamp: true });
    const { status, signatures } = await verifySignatures(stamped);
    expect(signatures.map((s) => [s.kind, s.verdict])).toEqual([['signature', 'modified'], ['timestamp', 'valid']]);
    expect(status).toBe('modified');
  });

  it('certified with DocMDP P=3 (annotations allowed): elsewhere → valid; over the header → modified all the same', async () => {
    const unsigned = await renderSignedDocument(letterSpec(), { seed: 5, signer: SIGNER, signature: false });
    const certified = await signRevision(unsigned, OFFICE, { time: new Date('2021-07-07T09:00:00Z'), field: 'Cert', docMdp: 3 });
    expect((await verifySignatures(await annotate(certified, 'FreeText', PAGE_FOOT))).status).toBe('valid');
    const over = await verifySignatures(await annotate(certified, 'FreeText', OVER_HEADER));
    expect(over.signatures[0]?.docMdp).toBe(3);
    expect(over.status).toBe('modified');
  });

  it('certified with DocMDP P=2 (form filling and signing only): an annotation anywhere → modified', async () => {
    const unsigned = await renderSignedDocument(letterSpec(), { seed: 5, signer: SIGNER, signature: false });
    const certified = await signRevision(unsigned, OFFICE, { time: new Date('2021-07-07T09:00:00Z'), field: 'Cert', docMdp: 2 });
    const { status, signatures } = await verifySignatures(await annotate(certified, 'Square', PAGE_FOOT));
    expect(status).toBe('modified');
    expect(signatures[0]?.problems[0]).toBe('tệp bị sửa đổi sau khi ký: chú thích (Square) trên trang 1');
  });

  it('a page turned by /Rotate 90: the displayed top is the left side of the media box', async () => {
    const unsigned = await renderSignedDocument(letterSpec(), { seed: 6, signer: SIGNER, signature: false });
    const turned = await appendUpdate(unsigned, (doc) => doc.getPage(0).node.set(PDFName.of('Rotate'), PDFNumber.of(90)));
    const signed = await signRevision(turned, OFFICE, { time: new Date('2021-07-07T09:00:00Z'), field: 'S1' });
    // Upright rectangles: at the left edge (the displayed top) and at the top edge (the displayed right).
    expect((await verifySignatures(await annotate(signed, 'FreeText', [20, 300, 60, 500]))).status).toBe('modified');
    expect((await verifySignatures(await annotate(signed, 'FreeText', [400, 780, 560, 820]))).status).toBe('valid');
  });
});
