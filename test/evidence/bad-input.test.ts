// Bad input: every file gets an outcome, a reason in Vietnamese, within a time limit; the
import { readFileSync } from 'node:fs';
// reader processes may die or be killed, the batch goes on.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvidenceReader, type ReaderEvent } from '../../pipeline/evidence/reader.js';
import { pdfDetail } from '../../pipeline/evidence/reading.js';
import type { Extraction } from '../../pipeline/model.js';
import { packageRoot } from '../../pipeline/util/package-root.js';
import { encryptedPdf, enormousPagePdf, imageOnlyWithoutImages, longPdf, notPdf, truncatedPdf, zeroBytePdf } from '../../scripts/lib/bad-pdf.js';
import { renderDocument } from '../../scripts/lib/decree30-pdf.js';
import { renderScannedDocument } from '../../scripts/lib/scan-pdf.js';
import { planSpec } from './fixtures.js';

const run = promisify(execFile);
let dir = '';
const results = new Map<string, Extraction>();
const file = (name: string) => path.join(dir, name);
const result = (name: string) => {
  const r = results.get(name);
  if (!r) throw new Error(`no result for ${name}`);
  return r;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-bad-'));
  const good = await renderDocument(planSpec());
  const fixtures: Record<string, Buffer> = {
    'encrypted.pdf': await encryptedPdf(),
    'truncated.pdf': truncatedPdf(good),
    'zero-byte.pdf': zeroBytePdf(),
    'word-named-pdf.pdf': notPdf('docx'),
    'web-page-named-pdf.pdf': notPdf('html'),
    '500-pages.pdf': await longPdf(planSpec(), 500),
    'image-only-without-images.pdf': await imageOnlyWithoutImages(),
    'enormous-page-text.pdf': await enormousPagePdf('text'),
    'enormous-page-image.pdf': await enormousPagePdf('image'),
    'good.pdf': good,
    'nul-padded.pdf': Buffer.concat([good, Buffer.alloc(40_000)]),
    'broken-structure.pdf': Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalo\x00\x01 garbage\nendobj\nxref\n0 x\n%%EOF\n', 'latin1'),
  };
  for (const [name, bytes] of Object.entries(fixtures)) await writeFile(file(name), bytes);
  await mkdir(file('a-folder.pdf'));
  const reader = createEvidenceReader({ concurrency: 2, timeoutMs: 60_000 });
  const names = [...Object.keys(fixtures), 'a-folder.pdf', 'missing.pdf'];
  const read = await Promise.all(names.map((n) => reader.read(file(n))));
  await reader.close();
  read.forEach((r, k) => results.set(names[k] ?? '', r));
}, 180_000);

describe('files that are not readable evidence', () => {
  it.each([
    ['encrypted.pdf', /mã hóa \(có mật khẩu\)/u],
    ['truncated.pdf', /không trọn vẹn \(bị cắt cụt/u],
    ['zero-byte.pdf', /tệp rỗng \(0 byte\)/u],
    ['word-named-pdf.pdf', /không phải tệp PDF \(là tệp Word \.docx/u],
    ['web-page-named-pdf.pdf', /không phải tệp PDF \(là trang web HTML/u],
    ['image-only-without-images.pdf', /không có nội dung: không có lớp chữ, không có hình ảnh quét/u],
    ['enormous-page-image.pdf', /khổ quá lớn \(508 × 508 cm\)/u],
    ['a-folder.pdf', /là thư mục, không phải tệp PDF/u],
    ['missing.pdf', /không tìm thấy tệp/u],
    ['broken-structure.pdf', /tệp PDF hỏng, không đọc được cấu trúc \(cấu trúc tệp không hợp lệ\)/u],
  ])('%s is unreadable: %s', (name, reason) => {
    expect(result(name)).toMatchObject({ status: 'unreadable', number: null, confidence: 0 });
    expect(result(name).error).toMatch(reason);
  });

  it('no reason carries a library\'s bare English: known details are translated, others labelled technical', () => {
    for (const [name, r] of results) {
      const detail = (r.error ?? '').replace(/chi tiết kỹ thuật: .*$/u, '');
      expect(detail, name).not.toMatch(/\b(?:Invalid|structure|stream|undefined|Error|failed|cannot)\b/iu);
    }
    expect(pdfDetail('Bad FCHECK in flate stream: 120, 3')).toBe('dữ liệu nén (hình ảnh hoặc nội dung trang) bị hỏng');
    expect(pdfDetail('Convert String to CString failed')).toBe('nội dung trang bị hỏng (có chuỗi ký tự không hợp lệ)');
    expect(pdfDetail('Something new went wrong')).toBe('chi tiết kỹ thuật: Something new went wrong');
  });

  it('a valid PDF followed by NUL padding is read, not called truncated (%%EOF looked for before the padding)', () => {
    expect(result('nul-padded.pdf')).toMatchObject({ status: result('good.pdf').status, number: result('good.pdf').number });
    expect(result('nul-padded.pdf').error ?? '').not.toMatch(/không trọn vẹn/u);
  });

  it('a 500-page PDF: only page 1 is read', () => {
    expect(result('500-pages.pdf')).toMatchObject({ status: 'ok', pages: 500, number: '30a/KH-SXD', date: '2024-02-05', headerPage: 1 });
  });

  it('an enormous page with a text layer still reads, bounded', () => {
    expect(result('enormous-page-text.pdf')).toMatchObject({ status: 'ok', number: '12/KH-UBND', date: '2024-01-15', place: 'Ha Noi' });
  });

  it('the good file among them is read as usual', () => {
    expect(result('good.pdf')).toMatchObject({ status: 'ok', number: '30a/KH-SXD' });
  });
});

describe('reader processes that hang, crash or grow', () => {
  let scan = '';
  beforeAll(async () => {
    scan = file('scan.pdf');
    await writeFile(scan, await renderScannedDocument(planSpec({ numeral: '125' }), { seed: 1, dpi: 200, maxPages: 1 }));
  });

  it('a file over the time limit is stopped and unreadable; the next file is read by a fresh process', async () => {
    const events: ReaderEvent[] = [];
    const reader = createEvidenceReader({ concurrency: 1, timeoutMs: 150, onEvent: (e) => events.push(e) });
    const slow = await reader.read(scan);
    expect(slow).toMatchObject({ status: 'unreadable' });
    expect(slow.error).toMatch(/quá thời gian đọc cho phép/u);
    expect(events.find((e) => e.type === 'done' && e.file === scan)).toMatchObject({ failure: 'timeout' });
    await reader.close();
    const patient = createEvidenceReader({ concurrency: 1 });
    expect(await patient.read(file('good.pdf'))).toMatchObject({ status: 'ok', number: '30a/KH-SXD' });
    await patient.close();
  });

  it('a reader process that dies mid-file makes that file unreadable, and the batch goes on', async () => {
    const reader = createEvidenceReader({
      concurrency: 1,
      onEvent: (e) => {
        if (e.type === 'start' && e.file === scan) process.kill(e.pid, 'SIGKILL');
      },
    });
    const [killed, next] = await Promise.all([reader.read(scan), reader.read(file('good.pdf'))]);
    await reader.close();
    expect(killed).toMatchObject({ status: 'unreadable' });
    expect(killed.error).toMatch(/dừng đột ngột/u);
    expect(next).toMatchObject({ status: 'ok', number: '30a/KH-SXD' });
  });

  it('a reader process already dead when its file is sent (a broken pipe) costs that file only', async () => {
    const reader = createEvidenceReader({
      concurrency: 1,
      onEvent: (e) => {
        if (e.type !== 'start' || e.file !== scan) return;
        process.kill(e.pid, 'SIGKILL');
        // Wait, without yielding to the event loop, until the process is a zombie: its end of the
        // IPC pipe is closed, so the pool's send fails (EPIPE) rather than racing the kill.
        const until = Date.now() + 5000;
        while (Date.now() < until && !/State:\s+Z/u.test(procStatus(e.pid))) {
          /* spin */
        }
      },
    });
    const [killed, next] = await Promise.all([reader.read(scan), reader.read(file('good.pdf'))]);
    await reader.close();
    expect(killed).toMatchObject({ status: 'unreadable' });
    expect(killed.error).toMatch(/dừng đột ngột/u);
    expect(next).toMatchObject({ status: 'ok', number: '30a/KH-SXD' });
  });

  it('a reader process over its memory ceiling is killed and the file is unreadable', async () => {
    const reader = createEvidenceReader({ concurrency: 1, memoryLimitMb: 20 });
    const r = await reader.read(scan);
    await reader.close();
    expect(r).toMatchObject({ status: 'unreadable' });
    expect(r.error).toMatch(/vượt giới hạn bộ nhớ/u);
  });

  it('replaces a reader process after `recycleAfter` files, so memory cannot creep over a long run', async () => {
    const pids: number[] = [];
    const reader = createEvidenceReader({ concurrency: 1, recycleAfter: 2, onEvent: (e) => e.type === 'start' && pids.push(e.pid) });
    for (const name of ['good.pdf', '500-pages.pdf', 'enormous-page-text.pdf']) expect((await reader.read(file(name))).status).toBe('ok');
    await reader.close();
    expect(pids).toHaveLength(3);
    expect(pids[1]).toBe(pids[0]);
    expect(pids[2]).not.toBe(pids[0]);
  });

  it('idle reader processes do not keep a program alive that forgot close()', async () => {
    const reader = pathToFileURL(path.join(packageRoot(), 'dist', 'pipeline', 'evidence', 'reader.js')).href;
    const script = `import { createEvidenceReader } from ${JSON.stringify(reader)};
      const r = await createEvidenceReader({ concurrency: 1 }).read(${JSON.stringify(file('good.pdf'))});
      console.log(r.number);`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { timeout: 30_000 });
    expect(stdout.trim()).toBe('30a/KH-SXD');
  });

  it('read() never rejects, whatever the path', async () => {
    const reader = createEvidenceReader({ concurrency: 1 });
    await expect(reader.read('/dev/null')).resolves.toMatchObject({ status: 'unreadable' });
    await expect(reader.read('')).resolves.toMatchObject({ status: 'unreadable' });
    await reader.close();
  });
});

function procStatus(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return 'State: Z';
  }
}
