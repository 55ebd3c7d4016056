// Names written in decomposed Unicode (NFD), as macOS and some ZIP tools write them, through a whole
// run: every name a person reads or the rules compare is NFC, every path that opens or links a file
// is the one on disk; two files whose names are equal once NFC-normalised are neither counted and
// their criterion waits for the council. The files are made with NFD names by hand: ext4 keeps the
// bytes given, so nothing here leans on a file system that normalises names.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bundledFrameworksDir, loadFramework } from '../../pipeline/framework/load-framework.js';
import { CropCache } from '../../pipeline/audit/crop-cache.js';
import { reportWorkbookBuffer } from '../../pipeline/batch/report-template.js';
import type { BatchResult } from '../../pipeline/model.js';
import { runCli } from '../helpers/cli.js';
import { smallBatch } from '../helpers/small-batch.js';

const SAMPLE = 'fixtures/sample-batch/units/STP/evidence';

describe('a run over names written decomposed (NFD)', () => {
  it('links and paths follow the names on disk; NFC-equal twins go to the council, not to 0', async () => {
    const batch = await smallBatch();
    const evidence = path.join(batch, 'units', 'STP', 'evidence');
    const plan = 'Kế hoạch 32-KH-STP.pdf';
    const folder = '1.1.1. Ban hành kế hoạch';
    await mkdir(path.join(evidence, folder.normalize('NFD')));
    await copyFile(path.join(SAMPLE, '1.1.1', plan), path.join(evidence, folder.normalize('NFD'), plan.normalize('NFD')));
    const twin = 'Kế hoạch 02-KH-STP.pdf';
    await mkdir(path.join(evidence, '1.4.1'));
    await copyFile(path.join(SAMPLE, '1.4.1', twin), path.join(evidence, '1.4.1', twin));
    await copyFile(path.join(SAMPLE, '1.1.2', 'Báo cáo 186-BC-STP.pdf'), path.join(evidence, '1.4.1', twin.normalize('NFD')));
    const framework = await loadFramework('hung-yen-2021-so', bundledFrameworksDir());
    const claims = new Map([
      ['1.1.1', { self: 1, evidenceFiles: [plan] }],
      ['1.4.1', { self: 0.5, evidenceFiles: [twin] }],
    ]);
    const report = await reportWorkbookBuffer(framework, {
      unit: { code: 'STP', name: 'Sở Tư pháp', group: 'so' }, year: 2021, created: new Date('2021-11-30T00:00:00Z'), claims,
    });
    await writeFile(path.join(batch, 'units', 'STP', 'report.xlsx'), report);

    const out = `${batch}-out`;
    const cache = `${batch}-cache`;
    const r = await runCli(['run', batch, '--out', out, '--cache', cache, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const stp = result.units.find((u) => u.code === 'STP')!;

    // The NFD file: named NFC, read (not "không tìm thấy tệp"), its diskPath the one that exists.
    const read = stp.evidence.find((e) => e.file === `units/STP/evidence/${folder}/${plan}`)!;
    expect(read).toMatchObject({ status: 'ok', number: '32/KH-STP', diskPath: `units/STP/evidence/${folder.normalize('NFD')}/${plan.normalize('NFD')}` });
    expect(existsSync(path.join(batch, read.diskPath!))).toBe(true);
    expect(existsSync(path.join(batch, read.file))).toBe(false);
    expect(stp.criteria.find((c) => c.code === '1.1.1')?.evidence).toEqual([read.file]);

    // Every "Mở PDF" link of the unit's audit page opens a file that exists.
    const page = await readFile(path.join(out, 'audit', 'don-vi', 'STP.html'), 'utf8');
    const hrefs = [...page.matchAll(/<a class="pdf" href="([^"]+)"/gu)].map((m) => decodeURIComponent(m[1]!));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(existsSync(path.resolve(out, 'audit', 'don-vi', href)), href).toBe(true);

    // The workbook's "Đường dẫn" opens the file too.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'ket-qua-tham-dinh.xlsx'));
    const ws = wb.getWorksheet('Tài liệu')!;
    const column = (ws.getRow(1).values as unknown[]).indexOf('Đường dẫn');
    const paths: string[] = [];
    ws.eachRow((row, at) => {
      if (at > 1) paths.push(String(row.getCell(column).value));
    });
    expect(paths).toEqual([read.diskPath]);
    for (const p of paths) expect(existsSync(path.join(batch, p)), p).toBe(true);

    // `cchc audit` draws a missing crop again by reading the file under its name on disk.
    const crop = new CropCache(cache, read.readerVersion).file(read.sha256);
    expect(existsSync(crop)).toBe(true);
    await rm(crop);
    const rebuilt = await runCli(['audit', batch, '--out', out, '--cache', cache]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain('1 ảnh vẽ mới');
    expect(existsSync(crop)).toBe(true);

    // The twins: neither read as the listed file, one finding naming both, 1.4.1 before the council.
    expect(stp.evidence.filter((e) => e.file.endsWith(twin))).toEqual([]);
    const about = stp.findings.filter((f) => f.reason.includes('trùng tên khi chuẩn hóa Unicode'));
    expect(about.map((f) => [f.effect, f.criterion])).toEqual([['review', '1.4.1']]);
    expect(about[0]!.reason).toContain(`"${twin.normalize('NFD')}" (chữ có dấu tổ hợp, NFD)`);
    expect(about[0]!.reason).toContain(`"${twin}" (chữ có dấu dựng sẵn, NFC)`);
    const c141 = stp.criteria.find((c) => c.code === '1.4.1')!;
    expect(c141.review).toBe(true);
    expect(c141.findings.map((f) => [f.rule, f.effect])).toEqual([['no-evidence', 'review'], ['listed-evidence', 'info']]);
  }, 120_000);
});
