// Issue 12, item 7: evidence that is not a PDF. A photo or scan sent as JPEG or PNG is read as a
// scanned page (through the reader's own OCR path); a Word file is named as an unsigned Word file;
// a TIFF is named with what to send instead. The reader processes run from dist/ (built by `npm test`).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvidenceReader, type EvidenceReader } from '../../pipeline/evidence/reader.js';
import { renderDocument } from '../../scripts/lib/decree30-pdf.js';
import { rasterisePages } from '../../scripts/lib/raster.js';
import { planSpec } from './fixtures.js';

let dir: string;
let reader: EvidenceReader;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-image-'));
  reader = createEvidenceReader({ concurrency: 1 });
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

/** A photo of page 1 of `Kế hoạch 15/KH-SXD ngày 05/02/2024`, as a phone or scanner saves it. */
async function photo(format: 'jpeg' | 'png'): Promise<Buffer> {
  const pdf = await renderDocument(planSpec({ numeral: '15' }));
  const [page] = await rasterisePages(pdf, 200);
  return format === 'jpeg' ? page!.encode('jpeg', 85) : page!.encode('png');
}

describe('evidence sent as an image', () => {
  it.each(['jpeg', 'png'] as const)('a %s photo of the plan is read as a scan: 15/KH-SXD of 05/02/2024', async (format) => {
    const file = path.join(dir, `ke-hoach.${format === 'jpeg' ? 'jpg' : 'png'}`);
    await writeFile(file, await photo(format));
    const e = await reader.read(file);
    expect(e).toMatchObject({ status: 'ok', scanned: true, number: '15/KH-SXD', date: '2024-02-05', source: 'ocr' });
  }, 120_000);

  it('ke-hoach.docx is an unsigned Word file, not a broken PDF', async () => {
    const file = path.join(dir, 'ke-hoach.docx');
    await writeFile(file, Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from('\0'.repeat(26) + 'word/document.xml')]));
    const e = await reader.read(file);
    expect(e.status).toBe('unreadable');
    expect(e.error).toBe('là tệp Word (.docx), văn bản chưa ký số và chưa phải bản ban hành: tài liệu kiểm chứng phải là bản chụp (scan) văn bản giấy hoặc văn bản điện tử có chữ ký số (PDF)');
  });

  it('a TIFF scan is named, with what to send instead (the image library here cannot decode TIFF)', async () => {
    const file = path.join(dir, 'scan.tif');
    await writeFile(file, Buffer.concat([Buffer.from('49492a0008000000', 'hex'), Buffer.alloc(64)]));
    const e = await reader.read(file);
    expect(e).toMatchObject({ status: 'unreadable', error: 'là ảnh TIFF: chương trình chưa đọc được ảnh TIFF; cần nộp bản PDF hoặc ảnh JPEG, PNG của văn bản' });
  });

  it('a JPEG that cannot be decoded says so in Vietnamese', async () => {
    const file = path.join(dir, 'hong.jpg');
    await writeFile(file, Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from('not really a jpeg')]));
    const e = await reader.read(file);
    expect(e.status).toBe('unreadable');
    expect(e.error).toMatch(/^ảnh JPEG bị hỏng hoặc lưu theo cách chương trình chưa đọc được/u);
  });
});
