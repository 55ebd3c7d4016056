// End to end: real PDFs of every kind through the reader processes (compiled dist/, built by
// `npm test` before vitest runs), all files of a "unit" read at once as the orchestrator does.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvidenceReader, type ReaderEvent } from '../../pipeline/evidence/reader.js';
import type { Extraction } from '../../pipeline/model.js';
import { packageRoot } from '../../pipeline/util/package-root.js';
import { renderConsolidatedText } from '../../scripts/lib/consolidated-pdf.js';
import { renderDocument } from '../../scripts/lib/decree30-pdf.js';
import { renderLegacyFontDocument } from '../../scripts/lib/legacy-font-pdf.js';
import { renderScannedDocument } from '../../scripts/lib/scan-pdf.js';
import { renderSignedDocument } from '../../scripts/lib/signed-pdf.js';
import { letterSpec, planSpec, SIGNER } from './fixtures.js';

const run = promisify(execFile);
let dir = '';
const results = new Map<string, Extraction>();
const events: ReaderEvent[] = [];
const file = (name: string) => path.join(dir, name);
const result = (name: string) => {
  const r = results.get(file(name));
  if (!r) throw new Error(`no result for ${name}`);
  return r;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-reader-'));
  const scanned = planSpec({ numeral: '125', symbol: 'KH-SXD' });
  const fixtures: Record<string, Buffer> = {
    'word-export-30a.pdf': await renderDocument(planSpec()),
    'word-export-copy.pdf': await renderDocument(planSpec()),
    'signed-freetext.pdf': await renderSignedDocument(letterSpec(), { seed: 1, signer: SIGNER, overlay: 'freetext', box: 'text', time: { hour: 14, minute: 46, second: 13 } }),
    'signed-stamp.pdf': await renderSignedDocument(letterSpec({ numeral: '456', date: { day: 12, month: 3, year: 2024 } }), { seed: 2, signer: SIGNER, overlay: 'stamp', box: 'image' }),
    'signed-stamp-picture.pdf': await renderSignedDocument(letterSpec({ numeral: '789', date: { day: 21, month: 4, year: 2023 } }), { seed: 6, signer: SIGNER, overlay: 'stamp-image', box: 'image' }),
    // A records system's stamps (real-headers README, T1): number and day as signature-widget appearances.
    'signed-sig-widgets.pdf': await renderSignedDocument(letterSpec({ numeral: '11', symbol: 'TB-UBND', date: { day: 8, month: 1, year: 2025 } }), { seed: 11, signer: SIGNER, overlay: 'sig-widgets', box: 'none' }),
    'consolidated-vbhn.pdf': await renderConsolidatedText({
      issuingBody: 'BỘ TÀI CHÍNH', number: '07/VBHN-BTC', place: 'Hà Nội', date: { day: 15, month: 3, year: 2021 }, title: 'THÔNG TƯ QUY ĐỊNH VỀ QUẢN LÝ KINH PHÍ CẢI CÁCH HÀNH CHÍNH',
      body: Array.from({ length: 14 }, (_, k) => `Thông tư số ${20 + k}/2018/TT-BTC ngày 0${(k % 9) + 1} tháng 3 năm 2018 của Bộ trưởng Bộ Tài chính quy định về quản lý, sử dụng kinh phí cải cách hành chính, được sửa đổi, bổ sung bởi văn bản số ${40 + k}/2020/TT-BTC.`),
    }),
    'draft-unsigned.pdf': await renderDocument(letterSpec({ numeral: null, date: { day: null, month: 10, year: 2024 } })),
    'scan-stamped.pdf': await renderScannedDocument(scanned, { seed: 3, dpi: 200, skewDegrees: 1.4, noise: 0.5, fade: 0.2, jpegQuality: 45, stamp: { number: true, day: true, ink: 'blue' } }),
    'scan-upside-down.pdf': await renderScannedDocument(scanned, { seed: 4, dpi: 150, skewDegrees: -1.5, noise: 0.4, jpegQuality: 50, upsideDown: true }),
    'scan-with-ocr-layer.pdf': await renderScannedDocument(scanned, { seed: 8, dpi: 300, skewDegrees: 0.3, noise: 0.2, jpegQuality: 40, maxPages: 1, ocrTextLayer: true }),
    'scan-ocr-layer-misread.pdf': await renderScannedDocument(scanned, { seed: 9, dpi: 300, skewDegrees: 0.3, noise: 0.2, jpegQuality: 40, maxPages: 1, ocrTextLayer: true, ocrLayerNumeral: '126' }),
    'scan-half-page-upside-down.pdf': await renderScannedDocument(scanned, { seed: 12, dpi: 150, skewDegrees: 0.8, noise: 0.3, jpegQuality: 50, upsideDown: true, halfPage: true, maxPages: 1 }),
    'scan-rotate-90.pdf': await renderScannedDocument(scanned, { seed: 13, dpi: 200, skewDegrees: 0.5, noise: 0.3, jpegQuality: 55, quarterTurn: 'rotate-entry', maxPages: 1 }),
    'scan-sideways.pdf': await renderScannedDocument(scanned, { seed: 14, dpi: 200, skewDegrees: -0.5, noise: 0.3, jpegQuality: 55, quarterTurn: 'sideways', maxPages: 1 }),
    // The day written in by the clerk (blue ink), the page fed sideways with no /Rotate.
    'scan-sideways-handwritten-day.pdf': await renderScannedDocument(scanned, { seed: 21, dpi: 200, skewDegrees: 0.4, noise: 0.3, jpegQuality: 60, maxPages: 1, quarterTurn: 'sideways', stamp: { number: true, day: true, ink: 'blue', style: 'handwriting' } }),
    'scan-100dpi.pdf': await renderScannedDocument(scanned, { seed: 15, dpi: 100, skewDegrees: 0.4, noise: 0.3, fade: 0.1, jpegQuality: 60, maxPages: 1 }),
    'scan-bilevel.pdf': await renderScannedDocument(letterSpec(), { seed: 5, dpi: 300, skewDegrees: 0.6, noise: 0.3, encoding: 'bilevel', maxPages: 1 }),
    'legacy-tcvn3.pdf': await renderLegacyFontDocument(planSpec({ numeral: '45', symbol: 'QĐ-SXD', kind: 'QUYẾT ĐỊNH', date: { day: 5, month: 2, year: 2004 } }), 'tcvn3'),
    'legacy-vni.pdf': await renderLegacyFontDocument(letterSpec({ date: { day: 9, month: 12, year: 2003 } }), 'vni'),
    // `Ð` (U+00D0) for Đ, Cyrillic `Ѕ` and `Х`: glyphs look the same, the text layer does not.
    'lookalike-letters.pdf': await renderDocument(planSpec({ numeral: '17', symbol: 'Q\u00D0-\u0405\u0425D', kind: 'QUYẾT ĐỊNH' })),
    'multi-page.pdf': await renderDocument(planSpec({ body: Array.from({ length: 40 }, (_, k) => `${k + 1}. Triển khai nhiệm vụ cải cách hành chính theo Quyết định số ${100 + k}/QĐ-UBND ngày 03/3/2023 của Ủy ban nhân dân tỉnh.`) })),
  };
  // Committed: a CCITT Group 4 scan (scripts/make-ccitt-fixture.ts; no G4 encoder among the dependencies).
  fixtures['scan-ccitt-g4.pdf'] = await readFile(path.join(import.meta.dirname, 'fixtures', 'scan-ccitt-g4.pdf'));
  fixtures['scan-a3-600dpi.pdf'] = await hugeScan(7016, 9921);
  for (const [name, bytes] of Object.entries(fixtures)) await writeFile(file(name), bytes);
  const reader = createEvidenceReader({ concurrency: 2, cacheDir: path.join(dir, 'cache'), onEvent: (e) => events.push(e) });
  const files = Object.keys(fixtures).map(file);
  const read = await Promise.all(files.map((f) => reader.read(f)));
  await reader.close();
  read.forEach((r, k) => results.set(files[k] ?? '', r));
}, 240_000);

afterAll(() => {
  results.clear();
});

describe('text layer (a Word export)', () => {
  it('reads `30a/KH-SXD`: the suffix, the type code, the issuer, the date and place, with full confidence', () => {
    expect(result('word-export-30a.pdf')).toMatchObject({
      status: 'ok', source: 'text', scanDpi: null, number: '30a/KH-SXD', numeral: '30a', suffixed: true, typeCode: 'KH', issuerCode: 'SXD',
      date: '2024-02-05', place: 'Hưng Yên', blankNumber: false, blankDate: false, confidence: 1, signed: false, scanned: false,
      headerPage: 1, textLayer: 'ok',
    });
  });

  it('lists the body’s citations with their dates, and not the document’s own number', () => {
    const citations = result('word-export-30a.pdf').citations;
    expect(citations.map((c) => [c.number, c.date])).toEqual([['1708/QĐ-UBND', '2021-07-14'], ['12b/KH-UBND', '2024-01-20']]);
  });

  it('maps look-alike letters back (`QÐ` with U+00D0, Cyrillic `ЅХ`)', () => {
    expect(result('lookalike-letters.pdf')).toMatchObject({ number: '17/QĐ-SXD', typeCode: 'QĐ', source: 'text' });
    expect(result('lookalike-letters.pdf').confidence).toBeLessThan(1);
  });

  it('takes the header from page 1 of a multi-page document', () => {
    expect(result('multi-page.pdf')).toMatchObject({ number: '30a/KH-SXD', date: '2024-02-05', headerPage: 1 });
    expect(result('multi-page.pdf').pages).toBeGreaterThan(1);
  });

  it('an unsigned draft keeps its blanks: `Số:      /SGDĐT-GDTH`, `ngày    tháng 10 năm 2024`, without OCR', () => {
    expect(result('draft-unsigned.pdf')).toMatchObject({ number: null, blankNumber: true, issuerCode: 'SGDĐT-GDTH', date: null, blankDate: true, place: 'Lào Cai', source: 'text', confidence: 1 });
    const done = events.find((e) => e.type === 'done' && e.file === file('draft-unsigned.pdf'));
    expect(done).toMatchObject({ ocrRegions: 0 });
  });
});

describe('signed e-office documents: number and day stamped at signing', () => {
  it('reads a FreeText overlay from the annotation, and the visible box for signer and time', () => {
    expect(result('signed-freetext.pdf')).toMatchObject({
      status: 'ok', source: 'annotation', number: '1234/SGDĐT-GDTH', typeCode: null, issuerCode: 'SGDĐT-GDTH', date: '2021-07-07',
      signed: true, signer: 'Sở Giáo dục và Đào tạo', signedAt: '2021-07-07T14:46:13+07:00',
    });
  });

  it('reads a stamp drawn as text in an annotation appearance, and takes the signer from the certificate', () => {
    const r = result('signed-stamp.pdf');
    expect(r).toMatchObject({ status: 'ok', source: 'annotation', number: '456/SGDĐT-GDTH', date: '2024-03-12', signed: true, signer: 'Sở Giáo dục và Đào tạo' });
    expect(r.signedAt).toMatch(/^2024-03-12T/u);
    const done = events.find((e) => e.type === 'done' && e.file === file('signed-stamp.pdf'));
    expect(done).toMatchObject({ ocrRegions: 0 });
  });

  it('OCRs a stamp that is only a picture from the picture itself (its image XObject), without rendering the page', () => {
    const r = result('signed-stamp-picture.pdf');
    expect(r).toMatchObject({ status: 'ok', source: 'ocr', number: '789/SGDĐT-GDTH', date: '2023-04-21', signed: true });
    expect(r.confidence).toBeGreaterThan(0.8);
    const done = events.find((e): e is Extract<ReaderEvent, { type: 'done' }> => e.type === 'done' && e.file === file('signed-stamp-picture.pdf'));
    // The number's picture and the day's, each read at two resolutions; no rendering.
    expect(done?.ocrRegions).toBe(4);
    expect(done?.phases?.ocr).toBeGreaterThan(0);
    expect(done?.phases?.render).toBeUndefined();
  });
});

describe('trap: a consolidated text (VBHN)', () => {
  it('takes its number and date from the authentication block on its last page, not from a citation on page 1', () => {
    const r = result('consolidated-vbhn.pdf');
    expect(r).toMatchObject({ number: '07/VBHN-BTC', date: '2021-03-15', source: 'text', blankNumber: false });
    expect(r.headerPage).toBe(r.pages);
    expect(r.pages).toBeGreaterThan(1);
    expect(r.parts?.numeral).toMatchObject({ status: 'read', value: '07', page: r.pages });
  });
});

describe('trap: a records system stamps the number and the day as signature-widget appearances', () => {
  it('reads both from the widgets (`Số: 11/TB-UBND`, `ngày 08 tháng 01 năm 2025`), never reporting the day blank', () => {
    const r = result('signed-sig-widgets.pdf');
    expect(r).toMatchObject({ number: '11/TB-UBND', date: '2025-01-08', blankDate: false, blankNumber: false, source: 'annotation' });
    expect(r.parts?.day).toMatchObject({ status: 'read', value: 8, source: 'annotation' });
    expect(r.parts?.numeral).toMatchObject({ status: 'read', value: '11', source: 'annotation' });
    expect(r.dateConfidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('scans', () => {
  it('reads a number and day stamped in blue ink by the clerk, and says it is a 200 dpi scan', () => {
    expect(result('scan-stamped.pdf')).toMatchObject({ status: 'ok', source: 'ocr', number: '125/KH-SXD', suffixed: false, typeCode: 'KH', date: '2024-02-05', scanned: true, scanDpi: 200, textLayer: 'none' });
  });

  it('turns an upside-down page over', () => {
    expect(result('scan-upside-down.pdf')).toMatchObject({ number: '125/KH-SXD', date: '2024-02-05', scanned: true, scanDpi: 150 });
  });

  it('a scan with the text layer its scanner software wrote: read from the text, still a 300 dpi scan', () => {
    expect(result('scan-with-ocr-layer.pdf')).toMatchObject({ source: 'text', number: '125/KH-SXD', date: '2024-02-05', place: 'Hung Yen', scanned: true, scanDpi: 300, textLayer: 'ok' });
  });

  it('trap: a scanner’s hidden OCR layer is a hint checked against the image, never the truth at confidence 1', () => {
    const agreed = result('scan-with-ocr-layer.pdf');
    expect(agreed.parts?.numeral).toMatchObject({ status: 'read', value: '125', source: 'text' });
    expect(agreed.parts?.numeral.confidence).toBeLessThan(1);
    expect(agreed.parts?.numeral.note).toMatch(/lớp chữ ẩn/u);
    // The layer's date, its line checked out to the print's end (the layer boxes words narrower than
    // the print, and a check cut at the box lost the year): confirmed by the image, decided.
    expect(agreed.parts?.day).toMatchObject({ status: 'read', value: 5, source: 'text' });
    expect(agreed.dateConfidence).toBeGreaterThanOrEqual(0.8);
    // The layer says 126 where the image shows 125: the numeral is not decided.
    const misread = result('scan-ocr-layer-misread.pdf');
    expect(misread.number).toBe('126/KH-SXD');
    expect(misread.numberConfidence).toBeLessThan(0.8);
    expect(misread.parts?.numeral).toMatchObject({ status: 'handwritten', guess: '126' });
    expect(misread.parts?.numeral.note).toMatch(/126 \/ 125/u);
  });

  it('a scanner’s hidden layer with its number and date on one row: that row is checked with one OCR read, not one per field', () => {
    const regions = (name: string) => events.find((e): e is Extract<ReaderEvent, { type: 'done' }> => e.type === 'done' && e.file === file(name))?.ocrRegions;
    expect(regions('scan-with-ocr-layer.pdf')).toBe(1);
    expect(regions('scan-ocr-layer-misread.pdf')).toBe(1);
  });

  it('trap: an upside-down half-page scan is a scan, read turned over (not "no scanned image")', () => {
    const r = result('scan-half-page-upside-down.pdf');
    expect(r).toMatchObject({ status: 'ok', scanned: true, number: '125/KH-SXD', date: '2024-02-05' });
    expect(r.parts?.numeral.region?.y0).toBeGreaterThan(421 / 2);
  });

  it('trap: a scan upright only through /Rotate 90 is read, and is a 200 dpi scan', () => {
    expect(result('scan-rotate-90.pdf')).toMatchObject({ status: 'ok', scanned: true, scanDpi: 200, number: '125/KH-SXD', date: '2024-02-05' });
  });

  it('trap: a scan turned 90° with no /Rotate is read turned a quarter, its parts placed on the page as displayed', () => {
    const r = result('scan-sideways.pdf');
    expect(r).toMatchObject({ status: 'ok', scanned: true, number: '125/KH-SXD', date: '2024-02-05' });
    // Turned clockwise on the page: the header runs down its right-hand side.
    expect(r.parts?.numeral.region?.x0).toBeGreaterThan(842 / 2);
  });

  it('trap: on a scan turned 90° with no /Rotate the handwriting pass reads the line upright: the handwritten day gets the recognizer’s candidates, placed on the page as displayed', () => {
    const r = result('scan-sideways-handwritten-day.pdf');
    expect(r.parts?.day.status).toBe('handwritten');
    expect(r.parts?.day.handwriting?.candidates[0]?.value).toBe('5');
    expect(r.parts?.day.region?.x0).toBeGreaterThan(842 / 2);
  });

  it('trap: a 100 dpi page image is read, and never more confidently than it can be checked', () => {
    const r = result('scan-100dpi.pdf');
    expect(r).toMatchObject({ status: 'ok', scanned: true, scanDpi: 100 });
    if (r.number !== '125/KH-SXD') expect(r.numberConfidence).toBeLessThan(0.8);
    if (r.date !== '2024-02-05') expect(r.dateConfidence).toBeLessThan(0.8);
  });

  it('reads a CCITT Group 4 black-and-white scan', () => {
    expect(result('scan-ccitt-g4.pdf')).toMatchObject({ source: 'ocr', number: '218/KH-SXD', date: '2023-11-09', scanned: true, scanDpi: 200 });
  });

  it('a scan too large to decode (A3 at 600 dpi, 69.6 million pixels) is said so, never "no scanned image"', () => {
    expect(result('scan-a3-600dpi.pdf')).toMatchObject({ status: 'unreadable', error: 'ảnh quét trang 1 quá lớn (7016×9921 điểm ảnh, vượt giới hạn 60 triệu điểm ảnh, quá sức giải mã); cần quét lại ở độ phân giải 200–300 dpi' });
  });

  it('reads a black-and-white (1 bit) scan', () => {
    expect(result('scan-bilevel.pdf')).toMatchObject({ number: '1234/SGDĐT-GDTH', date: '2021-07-07', scanned: true, scanDpi: 300 });
  });
});

describe('legacy-font text layers', () => {
  const ocrRegions = (name: string) =>
    events.find((e): e is Extract<ReaderEvent, { type: 'done' }> => e.type === 'done' && e.file === file(name))?.ocrRegions;

  it('recognises TCVN3 mojibake and takes the number and date from the layer itself, without OCR', () => {
    expect(result('legacy-tcvn3.pdf')).toMatchObject({ textLayer: 'legacy-font', source: 'text', number: '45/QĐ-SXD', typeCode: 'QĐ', date: '2004-02-05', scanned: false });
    expect(ocrRegions('legacy-tcvn3.pdf')).toBe(0);
  });

  it('recognises VNI mojibake and takes the number and date from the layer itself, without OCR', () => {
    expect(result('legacy-vni.pdf')).toMatchObject({ textLayer: 'legacy-font', source: 'text', number: '1234/SGDĐT-GDTH', date: '2003-12-09' });
    expect(ocrRegions('legacy-vni.pdf')).toBe(0);
  });
});

describe('the reader as a service to the orchestrator', () => {
  it('used no more reader processes than its concurrency', () => {
    const pids = new Set(events.filter((e) => e.type === 'start').map((e) => (e.type === 'start' ? e.pid : 0)));
    expect(pids.size).toBeGreaterThan(0);
    expect(pids.size).toBeLessThanOrEqual(2);
  });

  it('reads identical files once', () => {
    const starts = events.filter((e) => e.type === 'start' && (e.file === file('word-export-30a.pdf') || e.file === file('word-export-copy.pdf')));
    expect(starts).toHaveLength(1);
    expect(result('word-export-copy.pdf').number).toBe('30a/KH-SXD');
  });

  it('reports each file done with its source, OCR regions and CPU time', () => {
    const done = events.filter((e): e is Extract<ReaderEvent, { type: 'done' }> => e.type === 'done');
    expect(done).toHaveLength(results.size);
    const scan = done.find((e) => e.file === file('scan-stamped.pdf'));
    expect(scan).toMatchObject({ status: 'ok', source: 'ocr', cached: false, ocrPages: 1 });
    expect(scan?.ocrRegions).toBeGreaterThan(0);
  });

  it('a second run over unchanged files reads nothing: every result comes from the cache', async () => {
    const again: ReaderEvent[] = [];
    const reader = createEvidenceReader({ concurrency: 2, cacheDir: path.join(dir, 'cache'), onEvent: (e) => again.push(e) });
    const files = [...results.keys()];
    const second = await Promise.all(files.map((f) => reader.read(f)));
    await reader.close();
    expect(again.filter((e) => e.type === 'start')).toHaveLength(0);
    expect(again.filter((e) => e.type === 'done' && e.cached)).toHaveLength(files.length);
    second.forEach((r, k) => expect(r).toEqual(results.get(files[k] ?? '')));
  });
});

describe('cchc extract', () => {
  const cli = () => path.join(packageRoot(), 'dist', 'pipeline', 'cli.js');

  it('--json prints one object per file in input order, `file` as given, and exits 5 when a file is unreadable', async () => {
    await writeFile(file('not-a-pdf.pdf'), '<!DOCTYPE html><html></html>');
    const error = await run(process.execPath, [cli(), 'extract', '--json', 'word-export-30a.pdf', 'not-a-pdf.pdf'], { cwd: dir }).catch((e: { code: number; stdout: string }) => e);
    expect((error as { code: number }).code).toBe(5);
    const parsed = JSON.parse((error as { stdout: string }).stdout) as Extraction[];
    expect(parsed.map((r) => [r.file, r.status, r.number])).toEqual([
      ['word-export-30a.pdf', 'ok', '30a/KH-SXD'],
      ['not-a-pdf.pdf', 'unreadable', null],
    ]);
    expect(parsed[1]?.error).toMatch(/không phải tệp PDF/u);
    for (const key of ['source', 'numeral', 'suffixed', 'typeCode', 'date', 'place', 'confidence', 'signed']) expect(parsed[0]).toHaveProperty(key);
  });

  it('--json gives every signature its verification, and the signer\'s role from the symbol (no batch here)', async () => {
    const { stdout } = await run(process.execPath, [cli(), 'extract', '--json', 'signed-freetext.pdf', 'signed-sig-widgets.pdf'], { cwd: dir });
    const parsed = JSON.parse(stdout) as Extraction[];
    expect(parsed.map((r) => r.signatureStatus)).toEqual(['valid', 'valid']);
    // Sở GD&ĐT's certificate, its công văn 1234/SGDĐT-GDTH: the issuer signed.
    expect(parsed[0]?.signatures?.[0]).toMatchObject({ verdict: 'valid', role: 'issuer', chain: { status: 'not-checked' }, revocation: 'not-checked', signer: { commonName: 'Sở Giáo dục và Đào tạo' } });
  });

  it('without --json prints a table and exits 0 when every file reads', async () => {
    const { stdout } = await run(process.execPath, [cli(), 'extract', 'word-export-30a.pdf', 'draft-unsigned.pdf'], { cwd: dir });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Tệp\s+Số\s+Ngày\s+Loại\s+Nguồn/u);
    expect(lines[2]).toMatch(/word-export-30a\.pdf\s+30a\/KH-SXD\s+05\/02\/2024\s+KH\s+lớp chữ.*số có chữ cái kèm theo/u);
    expect(lines[3]).toMatch(/draft-unsigned\.pdf\s+\(để trống\)\s+\(để trống\)/u);
    expect(await readdir(dir)).not.toContain('.cchc-cache');
  });
});

describe('field parts: numeral + symbol, day + month + year, each with a status and where it was read', () => {
  const inside = (region: { x0: number; y0: number; x1: number; y1: number } | null, page: { width: number; height: number }) =>
    region !== null && region.x0 >= 0 && region.y0 >= 0 && region.x1 <= page.width && region.y1 <= page.height && region.x1 > region.x0 && region.y1 > region.y0;
  const A4 = { width: 595.3, height: 841.9 };

  it('a Word export: every part read from the text layer, the number in the left column and the date in the right, near the top of page 1', () => {
    const parts = result('word-export-30a.pdf').parts;
    expect(parts).toMatchObject({
      numeral: { status: 'read', value: '30a', source: 'text', page: 1, confidence: 1 },
      symbol: { status: 'read', value: 'KH-SXD', source: 'text', page: 1 },
      day: { status: 'read', value: 5 }, month: { status: 'read', value: 2 }, year: { status: 'read', value: 2024 },
    });
    expect(inside(parts?.numeral.region ?? null, A4)).toBe(true);
    expect(parts?.numeral.region?.x1).toBeLessThan(A4.width / 2);
    expect(parts?.day.region?.x0).toBeGreaterThan(A4.width / 3);
    expect(parts?.numeral.region?.y0).toBeLessThan(A4.height * 0.3);
  });

  it('an unsigned draft: the numeral and the day blank, the symbol and the month read; the flat fields say the same', () => {
    const r = result('draft-unsigned.pdf');
    expect(r.parts).toMatchObject({
      numeral: { status: 'blank', value: null }, symbol: { status: 'read', value: 'SGDĐT-GDTH' },
      day: { status: 'blank', value: null }, month: { status: 'read', value: 10 }, year: { status: 'read', value: 2024 },
    });
    expect(r).toMatchObject({ blankNumber: true, blankDate: true, number: null, date: null });
  });

  it('a scan: parts read by OCR carry the rendering scale and a region in page points (not pixels), also on a page turned over', () => {
    const upright = result('scan-bilevel.pdf').parts;
    expect(upright?.numeral).toMatchObject({ status: 'read', value: '1234', source: 'ocr', page: 1 });
    expect(upright?.numeral.scale).toBeGreaterThan(1);
    expect(inside(upright?.numeral.region ?? null, A4)).toBe(true);
    expect(upright?.numeral.region?.y1).toBeLessThan(A4.height * 0.35);
    expect(upright?.day.region?.x0).toBeGreaterThan(A4.width / 3);
    // The region of a part is its own word where OCR gave one: the day's box is narrower than the date line.
    expect((upright?.day.region?.x1 ?? 0) - (upright?.day.region?.x0 ?? 0)).toBeLessThan(60);
    // Upside down as displayed: the header is at the bottom of the page a person sees, the number on the right.
    const turned = result('scan-upside-down.pdf').parts;
    expect(turned?.numeral).toMatchObject({ status: 'read', value: '125', source: 'ocr', page: 1 });
    expect(inside(turned?.numeral.region ?? null, A4)).toBe(true);
    expect(turned?.numeral.region?.y0).toBeGreaterThan(A4.height * 0.65);
    expect(turned?.numeral.region?.x0).toBeGreaterThan(A4.width / 2);
  });

  it('a number and day stamped in blue ink into a black-printed header are `handwritten`: what OCR made of them is only a guess, below the rules’ 0.8', () => {
    const r = result('scan-stamped.pdf');
    expect(r.parts?.numeral).toMatchObject({ status: 'handwritten', value: null, guess: '125', source: 'ocr' });
    expect(r.parts?.numeral.note).toMatch(/mực màu/u);
    expect(r.parts?.symbol).toMatchObject({ status: 'read', value: 'KH-SXD' });
    expect(r.number).toBe('125/KH-SXD');
    expect(r.numberConfidence).toBeLessThan(0.8);
  });
});

/** A one-page PDF whose page is one white 1-bit image of `width`×`height` pixels (small once deflated). */
async function hugeScan(width: number, height: number): Promise<Buffer> {
  const { PDFDocument, PDFName } = await import('../../pipeline/evidence/pdf-lib.js');
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595.28, 841.89]);
  const rows = Buffer.alloc(Math.ceil(width / 8) * height, 0xff);
  const image = pdf.context.register(pdf.context.flateStream(rows, {
    Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: 'DeviceGray', BitsPerComponent: 1,
  }));
  page.node.setXObject(PDFName.of('Im0'), image);
  const content = pdf.context.register(pdf.context.stream('q 595.28 0 0 841.89 0 0 cm /Im0 Do Q'));
  page.node.set(PDFName.of('Contents'), content);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
