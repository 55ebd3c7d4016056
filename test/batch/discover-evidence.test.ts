import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { discoverEvidence, nodeListingFs, type ListingFs } from '../../pipeline/batch/discover-evidence.js';
import { parseBatch } from '../../pipeline/batch/load-batch.js';
import { loadFramework } from '../../pipeline/framework/load-framework.js';
import type { Framework } from '../../pipeline/model.js';
import { parse } from 'yaml';
import { batchYaml } from '../helpers/batch-yaml.js';
import { tempDir } from '../helpers/temp.js';

let framework: Framework;
beforeAll(async () => {
  framework = await loadFramework('hung-yen-2021-so', process.cwd());
});

async function batchWithFiles(files: string[]) {
  const dir = await tempDir();
  for (const f of files) {
    const full = path.join(dir, 'units', 'STP', 'evidence', f);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, '%PDF-1.4');
  }
  return parseBatch(parse(batchYaml()), dir);
}

describe('discoverEvidence', () => {
  it('lists files per criterion folder with batch-relative paths', async () => {
    const batch = await batchWithFiles(['1.1.1/Kế hoạch 05-KH-STP.pdf', '1.1.2/bao-cao.pdf', '1.1.2/phu-luc/bang-so-lieu.pdf']);
    const { files, findings } = await discoverEvidence(batch, 'STP', framework);
    expect(findings).toEqual([]);
    expect(files.map((f) => [f.criterion, f.relPath])).toEqual([
      ['1.1.1', 'units/STP/evidence/1.1.1/Kế hoạch 05-KH-STP.pdf'],
      ['1.1.2', 'units/STP/evidence/1.1.2/bao-cao.pdf'],
      ['1.1.2', 'units/STP/evidence/1.1.2/phu-luc/bang-so-lieu.pdf'],
    ]);
    expect(files[0]?.size).toBe(8);
  });

  it('gives NFC names for files stored with decomposed names (as macOS uploads them)', async () => {
    const batch = await batchWithFiles([`1.1.1/${'Kế hoạch.pdf'.normalize('NFD')}`]);
    const { files } = await discoverEvidence(batch, 'STP', framework);
    expect(files[0]?.name).toBe('Kế hoạch.pdf'.normalize('NFC'));
  });

  it('keeps the on-disk path of a decomposed (NFD) name beside its NFC path: files are opened and linked by the one on disk', async () => {
    const file = 'Kế hoạch 02-KH-STP.pdf';
    const folder = '1.5. Sáng kiến, giải pháp mới';
    const batch = await batchWithFiles([`1.4.1/${file.normalize('NFD')}`, `${folder.normalize('NFD')}/${file}`, '1.2/bc.pdf']);
    const { files } = await discoverEvidence(batch, 'STP', framework);
    expect(files.map((f) => [f.criterion, f.relPath, f.diskRelPath])).toEqual([
      ['1.4.1', `units/STP/evidence/1.4.1/${file}`, `units/STP/evidence/1.4.1/${file.normalize('NFD')}`],
      ['1.5', `units/STP/evidence/${folder}/${file}`, `units/STP/evidence/${folder.normalize('NFD')}/${file}`],
      ['1.2', 'units/STP/evidence/1.2/bc.pdf', undefined],
    ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)));
    for (const f of files) {
      expect(f.path).toBe(path.join(batch.dir, f.diskRelPath ?? f.relPath));
      expect(existsSync(f.path)).toBe(true);
    }
    // The test does not lean on the file system normalising names (ext4 keeps the bytes given).
    expect(existsSync(path.join(batch.dir, files.find((f) => f.diskRelPath)!.relPath))).toBe(false);
  });

  it('two files whose names are equal once NFC-normalised (one typed on Windows, one from a Mac) are neither counted: a review finding names both', async () => {
    const name = 'Kế hoạch 02-KH-STP.pdf';
    const batch = await batchWithFiles([`1.4.1/${name}`, `1.4.1/${name.normalize('NFD')}`, '1.4.1/bc.pdf']);
    const { files, findings, setAside } = await discoverEvidence(batch, 'STP', framework);
    expect(files.map((f) => f.name)).toEqual(['bc.pdf']);
    expect(findings.map((f) => [f.rule, f.effect, f.criterion, f.file])).toEqual([['evidence-layout', 'review', '1.4.1', `units/STP/evidence/1.4.1/${name}`]]);
    // Handed to the rules as files that are there but wait for the council (not "missing", not "no evidence").
    expect(setAside).toEqual([{
      path: `units/STP/evidence/1.4.1/${name}`, criterion: '1.4.1', forCouncil: true,
      why: 'có hai tệp trùng tên khi chuẩn hóa Unicode nên chưa tệp nào được xem xét',
    }]);
    const reason = findings[0]!.reason;
    expect(reason).toMatch(/^Thư mục units\/STP\/evidence\/1\.4\.1 có hai tệp trùng tên khi chuẩn hóa Unicode: /u);
    expect(reason).toContain(`"${name}" (chữ có dấu dựng sẵn, NFC)`);
    expect(reason).toContain(`"${name.normalize('NFD')}" (chữ có dấu tổ hợp, NFD)`);
    expect(reason).toContain('tiêu chí 1.4.1 chờ Hội đồng thẩm định xem xét');
  });

  it('the same file name in a criterion folder written both ways (NFC and NFD) is named by its two paths', async () => {
    const folder = '1.5. Sáng kiến';
    const batch = await batchWithFiles([`${folder}/a.pdf`, `${folder.normalize('NFD')}/a.pdf`, `${folder.normalize('NFD')}/b.pdf`]);
    const { files, findings } = await discoverEvidence(batch, 'STP', framework);
    expect(files.map((f) => f.diskRelPath)).toEqual([`units/STP/evidence/${folder.normalize('NFD')}/b.pdf`]);
    const twins = findings.filter((f) => f.effect === 'review');
    expect(twins.map((f) => f.criterion)).toEqual(['1.5']);
    expect(twins[0]!.reason).toContain(`Có hai tệp trùng đường dẫn units/STP/evidence/${folder}/a.pdf khi chuẩn hóa Unicode (tên thư mục viết theo hai kiểu): `);
    expect(twins[0]!.reason).toContain(`"units/STP/evidence/${folder.normalize('NFD')}/a.pdf" (chữ có dấu tổ hợp, NFD)`);
  });

  it('notes a folder that is no criterion, a file outside any folder and a file in a parent criterion folder', async () => {
    const batch = await batchWithFiles(['9.9/a.pdf', 'lac.pdf', '1.1/b.pdf']);
    const { files, findings } = await discoverEvidence(batch, 'STP', framework);
    expect(files).toEqual([]);
    const reasons = findings.map((f) => f.reason);
    expect(reasons).toContain('Thư mục units/STP/evidence/9.9 không ứng với mã tiêu chí nào của bộ chỉ số hung-yen-2021-so; các tệp trong thư mục chưa được xem xét. Cần đổi tên thư mục theo mã tiêu chí.');
    expect(reasons).toContain('Tệp units/STP/evidence/lac.pdf nằm ở thư mục evidence/, không trong thư mục tiêu chí (evidence/<mã tiêu chí>/) và báo cáo tự đánh giá không kê tệp này: không gắn được với tiêu chí nào, tệp chưa được xem xét.');
    expect(reasons).toContain('Tệp units/STP/evidence/1.1/b.pdf nằm trong thư mục của tiêu chí 1.1 (gồm các tiêu chí thành phần), không trong thư mục tiêu chí (evidence/<mã tiêu chí>/) và báo cáo tự đánh giá không kê tệp này: không gắn được với tiêu chí nào, tệp chưa được xem xét.');
  });

  it('a unit whose report was read but which has no evidence folder, or one with no file in it → one review finding naming the folder', async () => {
    const claims = [{ criterion: '1.1.1', self: 1, notApplicable: false, evidenceFiles: [], explanation: '', row: 5 }];
    const missing = await batchWithFiles([]);
    const none = await discoverEvidence(missing, 'STP', framework, undefined, { claims });
    expect(none.files).toEqual([]);
    expect(none.findings.map((f) => [f.effect, f.file, f.reason])).toEqual([[
      'review', 'units/STP/evidence',
      'Không có thư mục tài liệu kiểm chứng units/STP/evidence: đơn vị không có tài liệu kiểm chứng nào được xem xét; điểm tự chấm của các tiêu chí chỉ còn dựa vào giải trình, Hội đồng thẩm định xem xét.',
    ]]);
    const hidden = await batchWithFiles(['1.2/.DS_Store']);
    const empty = await discoverEvidence(hidden, 'STP', framework, undefined, { claims });
    expect(empty.findings.map((f) => f.reason)).toEqual([
      'Thư mục tài liệu kiểm chứng units/STP/evidence không có tệp nào được nhận là tài liệu kiểm chứng: đơn vị không có tài liệu kiểm chứng nào được xem xét; điểm tự chấm của các tiêu chí chỉ còn dựa vào giải trình, Hội đồng thẩm định xem xét.',
    ]);
    // Without a report the unit is not appraised: its report finding says so, nothing more here.
    expect((await discoverEvidence(missing, 'STP', framework)).findings).toEqual([]);
  });

  it('skips hidden files such as .DS_Store, and the files Windows and Office leave beside documents', async () => {
    const batch = await batchWithFiles(['1.2/.DS_Store', '1.2/bc.pdf', '1.2/Thumbs.db', '1.2/desktop.ini', '1.2/~$bc.docx', '1.2/.~lock.bc.docx#', 'Thumbs.db', '1.2/phu-luc/Thumbs.db']);
    const { files, findings } = await discoverEvidence(batch, 'STP', framework);
    expect(files.map((f) => f.name)).toEqual(['bc.pdf']);
    expect(findings).toEqual([]);
  });

  it('returns nothing for a unit without an evidence folder', async () => {
    const batch = await batchWithFiles([]);
    expect(await discoverEvidence(batch, 'STP', framework)).toEqual({ files: [], findings: [], setAside: [] });
  });

  it('a file name that is not UTF-8 (Windows-1258 bytes from a Windows ZIP) is that file\'s finding; the others are listed', async () => {
    const batch = await batchWithFiles(['1.1.1/bao-cao.pdf']);
    // "Kê hoach.pdf" in Latin-1 bytes: 0xEA alone is not UTF-8.
    const raw = Buffer.from('Kê hoach.pdf', 'latin1');
    const folder = path.join(batch.dir, 'units', 'STP', 'evidence', '1.1.1');
    await writeFile(Buffer.concat([Buffer.from(`${folder}/`), raw]), '%PDF-1.4');
    const { files, findings } = await discoverEvidence(batch, 'STP', framework);
    expect(files.map((f) => f.name)).toEqual(['bao-cao.pdf']);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'evidence-layout', effect: 'review', criterion: '1.1.1' });
    expect(findings[0]?.reason).toContain('không phải mã UTF-8');
    expect(findings[0]?.reason).toContain('hãy đổi tên rồi nộp lại');
  });

  it('a criterion folder that cannot be opened (EACCES) is a finding naming it; the other folders are listed', async () => {
    const batch = await batchWithFiles(['1.1.1/a.pdf', '1.1.2/b.pdf']);
    const denied: ListingFs = {
      readdir: (dir) => (dir.endsWith('1.1.1')
        ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, scandir '${dir}'`), { code: 'EACCES' }))
        : nodeListingFs.readdir(dir)),
      lstat: (file) => (file.includes('1.1.2/')
        ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, stat '${file}'`), { code: 'EACCES' }))
        : nodeListingFs.lstat(file)),
    };
    const { files, findings } = await discoverEvidence(batch, 'STP', framework, denied);
    expect(files).toEqual([]);
    expect(findings.map((f) => f.reason)).toEqual([
      'Không mở được thư mục units/STP/evidence/1.1.1 (không có quyền đọc): tài liệu trong đó chưa được đọc.',
      'Không mở được tệp units/STP/evidence/1.1.2/b.pdf (không có quyền đọc): tệp chưa được đọc.',
    ]);
    expect(findings.every((f) => f.effect === 'review' && f.criterion)).toBe(true);
  });

  it('a symlink (to a PDF outside the batch, or inside it) is not followed and is a finding', async () => {
    const batch = await batchWithFiles(['1.1.1/that.pdf']);
    const outside = path.join(await tempDir(), 'ngoai.pdf');
    await writeFile(outside, '%PDF-1.4');
    const folder = path.join(batch.dir, 'units', 'STP', 'evidence', '1.1.1');
    await symlink(outside, path.join(folder, 'ngoai.pdf'));
    await symlink(path.join(folder, 'that.pdf'), path.join(folder, 'trong.pdf'));
    const { files, findings } = await discoverEvidence(batch, 'STP', framework);
    expect(files.map((f) => f.name)).toEqual(['that.pdf']);
    expect(findings.map((f) => f.file)).toEqual(['units/STP/evidence/1.1.1/ngoai.pdf', 'units/STP/evidence/1.1.1/trong.pdf']);
    for (const f of findings) expect(f.reason).toContain('là liên kết (symlink)');
  });

  it('a FIFO among the evidence is a finding, never opened (opening one would block)', async () => {
    const batch = await batchWithFiles(['1.1.1/that.pdf']);
    execFileSync('mkfifo', [path.join(batch.dir, 'units', 'STP', 'evidence', '1.1.1', 'ong.pdf')]);
    const { files, findings } = await discoverEvidence(batch, 'STP', framework);
    expect(files.map((f) => f.name)).toEqual(['that.pdf']);
    expect(findings.map((f) => f.reason)).toEqual(['units/STP/evidence/1.1.1/ong.pdf là một ống dẫn (FIFO), không phải tệp thông thường: không đọc.']);
  });
});
