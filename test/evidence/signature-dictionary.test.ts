import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePdfString, parseSignatureDictionary, pdfDate, scanSignatureDictionaries } from '../../pipeline/evidence/signature-dictionary.js';
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
    expect(parseSignatureDictionary(bytes, bytes.indexOf('/ByteRange'))).toBeNull();
  });
});

describe('scanSignatureDictionaries on a signed e-office document', () => {
  it('reads the signing time and the signer certificate (CN, O) of the CMS', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-sig-'));
    const file = path.join(dir, 'signed.pdf');
    await writeFile(file, await renderSignedDocument(letterSpec(), { seed: 7, signer: SIGNER, time: { hour: 14, minute: 46, second: 13 } }));
    const [signature, ...others] = await scanSignatureDictionaries(file);
    expect(others).toHaveLength(0);
    expect(signature).toEqual({
      signedAt: '2021-07-07T07:46:13Z',
      name: null,
      commonName: 'Sở Giáo dục và Đào tạo',
      organisation: 'Tỉnh Lào Cai',
    });
  });
});
