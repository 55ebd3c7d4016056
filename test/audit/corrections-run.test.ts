// Corrections through `cchc run`: from JSON files and from the results workbook's evidence sheet,
// each problem reported per entry or row in Vietnamese while the rest applies; a file changed
// after it was checked is no longer corrected, and the run says so.
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult } from '../../pipeline/model.js';
import { runCli } from '../helpers/cli.js';
import { sharedCacheArgs } from '../helpers/shared-cache.js';

let dir = '';
let batch = '';
let out = '';
let first: BatchResult;

const unitOf = (r: BatchResult, code: string) => r.units.find((u) => u.code === code)!;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-corrections-'));
  batch = path.join(dir, 'batch');
  out = path.join(dir, 'out');
  await cp('fixtures/sample-batch', batch, { recursive: true });
  // While units are still uploading: without the sample's calendar, whose closed rounds would
  // appraise the snapshots taken at their deadlines rather than the files as they are now.
  const yamlFile = path.join(batch, 'batch.yaml');
  await writeFile(yamlFile, (await readFile(yamlFile, 'utf8')).replace(/\n# The calendar[\s\S]*?\nrounds:\n(?: {2,}.*\n)+/u, '\n'));
  expect((await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()])).code).toBe(0);
  first = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
}, 600_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('corrections files named in batch.yaml', () => {
  it('applies what is valid, reports each bad entry or row, and takes corrections typed into the workbook', async () => {
    const sxd = unitOf(first, 'SXD').evidence.find((e) => e.number === '30a/KH-SXD')!;
    const stp = unitOf(first, 'STP').evidence.find((e) => e.status === 'ok' && e.number)!;
    const other = unitOf(first, 'SXD').evidence.find((e) => e.status === 'ok' && e.number && e.sha256 !== sxd.sha256)!;
    await writeFile(path.join(batch, 'hieu-chinh-SXD.json'), JSON.stringify({
      format: 'cchc-corrections', version: 1, unit: 'SXD', by: 'Vũ Thị Hạnh', at: '2021-12-01T08:30:00Z',
      corrections: [
        { sha256: sxd.sha256, file: sxd.file, action: 'correct', numeral: '30' },
        { sha256: 'f'.repeat(64), file: 'units/SXD/evidence/9.9/khong-co.pdf', action: 'confirm' },
        { sha256: sxd.sha256, action: 'correct', day: 31, month: 2, year: 2021 },
        { sha256: other.sha256, file: other.file, action: 'correct', numeral: '11' },
      ],
    }));
    // Another clerk's file gives the same document another number: a conflict, not a silent choice.
    await writeFile(path.join(batch, 'hieu-chinh-SXD-2.json'), JSON.stringify({
      format: 'cchc-corrections', version: 1, unit: 'SXD', by: 'Lê Văn Cường', at: '2021-12-02T09:00:00Z',
      corrections: [{ sha256: other.sha256, file: other.file, action: 'correct', numeral: '12' }],
    }));
    await writeFile(path.join(batch, 'hieu-chinh-hong.json'), '{ "corrections": [');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, 'ket-qua-tham-dinh.xlsx'));
    const sheet = workbook.getWorksheet('Tài liệu')!;
    const header = sheet.getRow(1).values as unknown[];
    const column = (label: string) => header.findIndex((v) => typeof v === 'string' && v.startsWith(label));
    let row = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell(column('SHA-256')).value === stp.sha256) row = n;
    });
    expect(row).toBeGreaterThan(1);
    sheet.getRow(row).getCell(column('Số đúng')).value = '99';
    sheet.getRow(row).getCell(column('Người hiệu chỉnh')).value = 'Trần Văn Bình';
    await workbook.xlsx.writeFile(path.join(batch, 'kiem-tra.xlsx'));
    const yaml = await readFile(path.join(batch, 'batch.yaml'), 'utf8');
    await writeFile(path.join(batch, 'batch.yaml'), yaml.replace(/^inputs:\n/mu, 'inputs:\n  corrections: [hieu-chinh-SXD.json, hieu-chinh-SXD-2.json, hieu-chinh-hong.json, kiem-tra.xlsx]\n'));

    const r = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(r.code).toBe(0);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    expect(unitOf(result, 'SXD').evidence.find((e) => e.sha256 === sxd.sha256)).toMatchObject({ number: '30/KH-SXD', source: 'person', correction: { by: 'Vũ Thị Hạnh', line: 1 } });
    expect(unitOf(result, 'STP').evidence.find((e) => e.sha256 === stp.sha256)).toMatchObject({
      number: `99/${stp.number!.split('/').slice(1).join('/')}`, source: 'person', correction: { by: 'Trần Văn Bình', file: 'kiem-tra.xlsx', line: row },
    });
    // The workbook's row is cited as the row it is (dòng), as a rejected row would be, never as an entry (mục).
    const byRow = unitOf(result, 'STP').criteria.flatMap((c) => c.findings).find((f) => f.rule === 'person-correction')!;
    expect(byRow.reason).toContain(`(tệp hiệu chỉnh kiem-tra.xlsx, dòng ${row}) hiệu chỉnh`);
    const disputed = unitOf(result, 'SXD').evidence.find((e) => e.sha256 === other.sha256)!;
    expect(disputed).toMatchObject({ number: other.number, source: other.source });
    expect(disputed.correction).toBeUndefined();
    const conflict = unitOf(result, 'SXD').criteria.flatMap((c) => c.findings).filter((f) => f.rule === 'conflicting-corrections');
    expect(conflict).toHaveLength(1);
    expect(conflict[0]).toMatchObject({ effect: 'review', file: other.file });
    expect(conflict[0]!.reason).toMatch(/Vũ Thị Hạnh .*mục 4\): số 11\/.*Lê Văn Cường .*mục 1\): số 12\//u);
    const reasons = [...result.findings, ...result.units.flatMap((u) => u.findings)].filter((f) => f.rule === 'corrections-file').map((f) => f.reason);
    expect(reasons).toEqual(expect.arrayContaining([
      expect.stringContaining('Tệp hiệu chỉnh hieu-chinh-SXD.json, mục 2: không có tệp nào trong đợt có mã SHA-256 ffffffffffff… (tệp units/SXD/evidence/9.9/khong-co.pdf không còn trong đợt)'),
      expect.stringContaining('Tệp hiệu chỉnh hieu-chinh-SXD.json, mục 3: ngày 31/2/2021 không có thật; mục này không được áp dụng.'),
      expect.stringMatching(/^Tệp hiệu chỉnh hieu-chinh-hong\.json không phải JSON hợp lệ/u),
    ]));
    expect(reasons).toHaveLength(3);
    expect(await readFile(path.join(out, 'cchc.log'), 'utf8')).toContain('Tệp hiệu chỉnh: 2 tệp được hiệu chỉnh hoặc xác nhận');
  });

  it('a file changed after it was checked is no longer corrected, and the unit says so', async () => {
    const sxd = unitOf(first, 'SXD').evidence.find((e) => e.number === '30a/KH-SXD')!;
    await appendFile(path.join(batch, sxd.file), '\n% thêm một dòng sau khi kiểm tra\n');
    const r = await runCli(['run', batch, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(r.code).toBe(0);
    const result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    const unit = unitOf(result, 'SXD');
    const now = unit.evidence.find((e) => e.file === sxd.file)!;
    expect(now.sha256).not.toBe(sxd.sha256);
    expect(now.correction).toBeUndefined();
    const changed = unit.findings.filter((f) => f.rule === 'corrections-file' && f.file === sxd.file);
    expect(changed).toHaveLength(1);
    expect(changed[0]!.reason).toContain('đã thay đổi sau khi Vũ Thị Hạnh kiểm tra (tệp hiệu chỉnh hieu-chinh-SXD.json, mục 1)');
  });
});
