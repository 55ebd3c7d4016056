import { describe, expect, it } from 'vitest';
import { decodePdfString, pdfDate } from '../../pipeline/evidence/signature-dictionary.js';
import { locateSignatures } from '../../pipeline/evidence/signature/locate.js';
import { renderSignedDocument } from '../../scripts/lib/signed-pdf.js';
import { letterSpec, SIGNER } from './fixtures.js';

describe('PDF strings and dates in signature dictionaries', () => {
  it.each([
    ['D:20210707074613+07\'00\'', '2021-07-07T07:46:13+07:00'],
    ['D:20240205031112Z', '2024-02-05T03:11:12Z'],
    ['D:20191226', '2019-12-26T00:00:00'],
  ])('pdfDate(%s)', (value, iso) => expect(pdfDate(value)).toBe(iso));

  it.each([
    ['(Nguyen Van A)', 'Nguyen Van A'],
    ['(a\\(b\\) \\351)', 'a(b) é'],
    ['<FEFF0053007B0020004E1ED9006900200076>', 'S{ Nội v'],
  ])('decodePdfString(%s)', (token, text) => expect(decodePdfString(token)).toBe(text));

  it('a /ByteRange outside a signature (no /Contents) is not a signature', () => {
    const bytes = Buffer.from('5 0 obj\n<< /ByteRange [0 1 2 3] >>\nendobj\n', 'latin1');
    expect(locateSignatures(bytes)).toEqual([]);
  });
});

describe('locateSignatures on a signed e-office document', () => {
  it('finds the dictionary: /ByteRange, the exact place of /Contents, /M, /SubFilter, the CMS without its padding', async () => {
    const pdf = await renderSignedDocument(letterSpec(), { seed: 7, signer: SIGNER, time: { hour: 14, minute: 46, second: 13 } });
    const [signature, ...others] = locateSignatures(pdf);
    expect(others).toHaveLength(0);
    expect(signature).toMatchObject({ type: 'Sig', subFilter: 'adbe.pkcs7.detached', signedAt: '2021-07-07T07:46:13Z', reason: 'Ký số văn bản điện tử', docMdp: null });
    const [a, b, c, d] = signature?.byteRange ?? [];
    expect([a, b, c, (c ?? 0) + (d ?? 0)]).toEqual([0, signature?.contentsStart, signature?.contentsEnd, pdf.length]);
    expect(pdf.toString('latin1', b, (b ?? 0) + 1)).toBe('<');
    expect(signature?.contents[0]).toBe(0x30);
    expect(signature?.contents.length).toBeLessThan(((c ?? 0) - (b ?? 0)) / 2);
  });
});
