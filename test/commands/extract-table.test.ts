// `cchc extract` without --json prints a table a secretary reads in a terminal. Its signature column
// must not read "valid" as "trusted": a signature whose certificate chain was not checked against the
// province's trust anchors (no --trust) says so, as the audit page does.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { renderTable } from '../../pipeline/commands/extract.js';
import type { Extraction } from '../../pipeline/model.js';

const signed = (chain: 'trusted' | 'untrusted' | 'not-checked', status: Extraction['signatureStatus'] = 'valid') => ({
  file: `bao-cao-${chain}.pdf`, sha256: 'a'.repeat(64), status: 'ok', source: 'annotation', number: '186/BC-STP', numeral: '186', suffixed: false,
  typeCode: 'BC', issuerCode: 'STP', year: null, blankNumber: false, date: '2021-11-04', place: 'Hưng Yên', blankDate: false,
  confidence: 0.97, numberConfidence: 0.97, dateConfidence: 0.97, signed: true, signer: 'Sở Tư pháp', signedAt: '2021-11-04T03:12:32Z',
  signatureStatus: status, signatures: [{ chain: { status: chain, certificates: [], problems: [] } }], scanned: false,
}) as unknown as Extraction;

describe('cchc extract: the signature column', () => {
  it.each([
    ['not-checked', 'có, hợp lệ, chưa kiểm tra chuỗi chứng thư (Sở Tư pháp)'],
    ['untrusted', 'có, hợp lệ, chuỗi chứng thư không tin cậy (Sở Tư pháp)'],
    ['trusted', 'có, hợp lệ (Sở Tư pháp)'],
  ] as const)('a valid signature whose chain is %s reads "%s"', (chain, cell) => {
    const table = renderTable([signed(chain)]);
    expect(table).toContain(cell);
    if (chain === 'trusted') expect(table).not.toContain('chuỗi chứng thư');
  });

  it('a broken signature says so, whatever its chain', () => {
    expect(renderTable([signed('not-checked', 'broken')])).toContain('có, KHÔNG hợp lệ (Sở Tư pháp)');
  });
});

describe('cchc extract: a file of which nothing was read', () => {
  it('says a person must read it, as a low-confidence reading does (no source is no decided value)', () => {
    const nothing = { ...signed('not-checked', 'none'), source: null, number: null, numeral: null, typeCode: null, issuerCode: null, date: null, place: null,
      confidence: 0, numberConfidence: 0, dateConfidence: 0, signed: false, signer: null, signedAt: null, signatures: [], scanned: true, scanDpi: 300 } as Extraction;
    const weak = { ...signed('not-checked'), source: 'ocr', confidence: 0.6 } as Extraction;
    const table = renderTable([nothing, weak, signed('trusted')]).split('\n');
    expect(table[2]).toContain('không đọc được số và ngày, cần người đọc');
    expect(table[3]).toContain('cần kiểm tra lại');
    expect(table[4]).not.toContain('cần');
  });
});

describe('cchc extract --trust', () => {
  it('a trust folder that is missing or is a file is a usage error (exit 2) saying which, as `Lỗi: …`', async () => {
    const missing = await runCli(['extract', '--trust', '/khong-co/chung-thu', 'README.md']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Lỗi: --trust: không đọc được thư mục chứng thư tin cậy /khong-co/chung-thu (không tìm thấy thư mục này).');
    const file = await runCli(['extract', '--trust', 'README.md', 'README.md']);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('(đây là một tệp, không phải thư mục)');
  });
});

describe('cchc extract: a folder named reads the files in it', () => {
  it('lists regular files of the folder and its subfolders by path, not hidden or Office lock files, keeping files named beside it', async () => {
    const { mkdtemp, mkdir, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { expandFolders } = await import('../../pipeline/commands/extract.js');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-extract-'));
    await mkdir(path.join(dir, 'b', '1.1'), { recursive: true });
    await mkdir(path.join(dir, 'trống'));
    for (const f of ['z.pdf', '.DS_Store', '~$ke-hoach.docx', 'a.pdf', 'b/1.1/Quyết định.pdf']) await writeFile(path.join(dir, f), '%PDF-1.4');
    const { files, empty } = await expandFolders([path.join(dir, 'loose.pdf'), dir, path.join(dir, 'trống')]);
    expect(files).toEqual([path.join(dir, 'loose.pdf'), path.join(dir, 'a.pdf'), path.join(dir, 'b/1.1/Quyết định.pdf'), path.join(dir, 'z.pdf')]);
    expect(empty).toEqual([path.join(dir, 'trống')]);
  });

  it('a link or a pipe in a folder is not read (as in a batch) but named, with exit 5', async () => {
    const { mkdtemp, symlink, writeFile } = await import('node:fs/promises');
    const { execFileSync } = await import('node:child_process');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-extract-links-'));
    await writeFile(path.join(dir, 'a.pdf'), '%PDF-1.4');
    await symlink('/etc/passwd', path.join(dir, 'passwd.pdf'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.pdf')]);
    const r = await runCli(['extract', dir]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`${path.join(dir, 'passwd.pdf')} là liên kết (symlink), không được theo: không đọc (như khi thẩm định đợt).`);
    expect(r.stderr).toContain(`${path.join(dir, 'fifo.pdf')} không phải tệp thông thường (ống dẫn, thiết bị hoặc socket): không đọc (như khi thẩm định đợt).`);
    expect(r.stdout).not.toContain('root:');
  });

  it('a folder and a file named in decomposed Unicode (NFD, as a Mac writes them) are read by their names on disk and shown NFC', async () => {
    const { copyFile, mkdir, mkdtemp } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-extract-nfd-'));
    const nfc = path.join(dir, '1.5. Sáng kiến', 'Kế hoạch 32-KH-STP.pdf');
    const nfd = nfc.normalize('NFD');
    await mkdir(path.dirname(nfd));
    await copyFile('fixtures/sample-batch/units/STP/evidence/1.1.1/Kế hoạch 32-KH-STP.pdf', nfd);
    const { expandFolders } = await import('../../pipeline/commands/extract.js');
    expect((await expandFolders([dir])).files).toEqual([nfd]);
    const r = await runCli(['extract', '--json', dir]);
    expect(r.stderr).not.toContain('không tìm thấy');
    const [reading] = JSON.parse(r.stdout) as Array<{ file: string; diskPath?: string; status: string; number: string | null }>;
    expect(reading).toMatchObject({ file: nfc, diskPath: nfd, status: 'ok', number: '32/KH-STP' });
    expect(r.code).toBe(0);
  });

  it('two files whose names are equal once NFC-normalised are both read and named together on stderr', async () => {
    const { copyFile, mkdtemp } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-extract-twins-'));
    const nfc = path.join(dir, 'Kế hoạch 02-KH-STP.pdf');
    const nfd = nfc.normalize('NFD');
    await copyFile('fixtures/sample-batch/units/STP/evidence/1.4.1/Kế hoạch 02-KH-STP.pdf', nfc);
    await copyFile('fixtures/sample-batch/units/STP/evidence/1.1.1/Kế hoạch 32-KH-STP.pdf', nfd);
    const { nfcTwins } = await import('../../pipeline/commands/extract.js');
    expect(nfcTwins([nfd, nfc, path.join(dir, 'khac.pdf')])).toEqual([[nfd, nfc]]);
    const r = await runCli(['extract', '--json', dir]);
    expect(r.stderr).toContain(`"${nfc}" (dạng dựng sẵn, NFC)`);
    expect(r.stderr).toContain(`"${nfd}" (dạng tổ hợp, NFD)`);
    expect(r.stderr).toContain('trùng tên khi chuẩn hóa Unicode');
    const readings = JSON.parse(r.stdout) as Array<{ file: string; diskPath?: string; number: string | null }>;
    expect(readings.map((x) => [x.file, x.diskPath, x.number]).sort()).toEqual([[nfc, undefined, '02/KH-STP'], [nfc, nfd, '32/KH-STP']].sort());
  });

  it('a file whose name is not UTF-8 (a Windows ZIP) is named as such, not as missing', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-extract-latin1-'));
    // "Quyết định.pdf" as Windows-1258 bytes would be; here a Latin-1 é.
    await writeFile(Buffer.concat([Buffer.from(`${dir}/Quy`), Buffer.from([0xe9]), Buffer.from('t.pdf')]), '%PDF-1.4');
    const r = await runCli(['extract', dir]);
    expect(r.stderr).toMatch(/Tên tệp .*Quy\uFFFDt\.pdf không phải mã UTF-8/u);
    expect(r.stderr).not.toContain('không tìm thấy');
    expect(r.code).toBe(5);
  });

  it('an empty folder alone is a usage error naming it', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-extract-empty-'));
    const r = await runCli(['extract', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Thư mục ${dir} không có tệp nào để đọc.`);
    expect(r.stderr).toContain('Lỗi: Không có tệp nào để đọc.');
  });
});

describe('cchc extract: a value read with low confidence', () => {
  it('is marked "(chưa chắc)" in its cell, the other one not', () => {
    const table = renderTable([{ ...signed('trusted'), number: '899/UBND-TTHC', numberConfidence: 0.6, confidence: 0.6 } as Extraction]);
    expect(table).toContain('899/UBND-TTHC (chưa chắc)');
    expect(table).toContain('04/11/2021 ');
    expect(table).not.toContain('04/11/2021 (chưa chắc)');
  });
});
