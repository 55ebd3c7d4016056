// The bundled sample batch, end to end, as `npm start` runs it.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult, UnitResult } from '../../pipeline/model.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { sharedCacheArgs } from '../helpers/shared-cache.js';
import { treeHash } from '../helpers/tree-hash.js';

const SAMPLE = 'fixtures/sample-batch';
let out: string;
let run: CliResult;
let result: BatchResult;
let before: Map<string, string>;
const unit = (code: string): UnitResult => result.units.find((u) => u.code === code)!;

beforeAll(async () => {
  // Not tempDir(): it is cleaned after each test, and these tests share one run.
  out = path.join(os.tmpdir(), `cchc-sample-${process.pid}`);
  before = await treeHash(SAMPLE);
  run = await runCli(['run', SAMPLE, '--out', out, ...sharedCacheArgs()]);
  result = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
}, 600_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('cchc run on the sample batch', () => {
  it('completes with exit code 0 and prints a Vietnamese summary', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('TÓM TẮT ĐỢT THẨM ĐỊNH');
    expect(run.stdout).toMatch(/Đơn vị: 8/u);
    expect(run.stdout).toMatch(/Phát hiện theo quy tắc:/u);
  });

  it('never writes to the input folder', async () => {
    expect(await treeHash(SAMPLE)).toEqual(before);
  });

  it('writes results.json, the workbook, the decision and minutes for every appraised unit', () => {
    for (const f of ['results.json', 'ket-qua-tham-dinh.xlsx', 'quyet-dinh-cong-bo-chi-so-cchc.docx']) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
    for (const u of result.units) {
      expect(existsSync(path.join(out, 'bien-ban', `bien-ban-tham-dinh-${u.code}.docx`)), u.code).toBe(u.status === 'ok');
    }
  });

  it('carries the fields the secretariat and other tools rely on', () => {
    const stp = unit('STP');
    expect(stp).toMatchObject({ code: 'STP', name: 'Sở Tư pháp', group: 'so', status: 'ok' });
    for (const key of ['selfTotal', 'appraisedTotal', 'maxApplicable', 'index', 'rating', 'rank', 'areas', 'criteria']) {
      expect(stp, key).toHaveProperty(key);
    }
    expect(stp.areas[0]).toEqual(expect.objectContaining({ code: '1', max: 12 }));
    expect(stp.criteria.find((c) => c.code === '1.1.1')).toEqual(expect.objectContaining({ max: 1, self: 1 }));
  });

  it('scores zero the plan numbered 30a/KH-SXD and says why', () => {
    const c = unit('SXD').criteria.find((k) => k.code === '1.1.1')!;
    expect(c.self).toBe(1);
    expect(c.appraised).toBe(0);
    const f = c.findings.find((k) => k.rule === 'suffixed-number');
    expect(f?.reason).toContain('30a/KH-SXD');
    expect(f?.file).toMatch(/^units\/SXD\/evidence\/1\.1\.1\/.+\.pdf$/u);
  });

  it('verifies every signed file: the report redrawn after signing goes to the council, the others hold and chain to the test CA', () => {
    const sxd = unit('SXD');
    const c = sxd.criteria.find((k) => k.code === '5.4.2')!;
    const f = c.findings.find((k) => k.rule === 'signature-integrity');
    expect(f?.effect).toBe('review');
    expect(f?.reason).toContain('tệp bị sửa đổi sau khi ký: nội dung trang 1');
    const signed = result.units.flatMap((u) => u.evidence).filter((e) => (e.signatures ?? []).length > 0);
    expect(signed.filter((e) => e.signatureStatus === 'modified').map((e) => e.file)).toEqual([f?.file]);
    expect(signed.filter((e) => e.signatureStatus !== 'modified').every((e) => e.signatureStatus === 'valid')).toBe(true);
    expect(signed.every((e) => e.signatures?.every((s) => s.chain.status === 'trusted' && s.revocation === 'not-checked'))).toBe(true);
  });

  it('scores zero a criterion with neither evidence nor explanation', () => {
    const c = unit('SYT').criteria.find((k) => k.code === '2.2.1')!;
    expect(c.appraised).toBe(0);
    expect(c.findings.some((f) => f.rule === 'no-evidence' && f.effect === 'zero')).toBe(true);
  });

  it('caps a self score above the maximum', () => {
    const c = unit('SXD').criteria.find((k) => k.code === '1.5')!;
    expect(c.self).toBe(2);
    expect(c.appraised).toBeLessThanOrEqual(1.5);
    expect(c.findings.some((f) => f.rule === 'over-maximum')).toBe(true);
  });

  it('records bad files as unreadable findings and goes on', () => {
    const snn = unit('SNN');
    const unreadable = snn.evidence.filter((e) => e.status === 'unreadable');
    expect(unreadable.length).toBeGreaterThanOrEqual(4);
    for (const e of unreadable) expect(e.error).toBeTruthy();
    expect(snn.status).toBe('ok');
  });

  it('cannot appraise a unit whose report is not a workbook, nor one that sent nothing, and ranks the rest', () => {
    expect(unit('SGTVT').status).toBe('error');
    expect(unit('SGTVT').rank).toBeNull();
    expect(unit('SVHTTDL').status).toBe('error');
    const ranks = result.units.filter((u) => u.status === 'ok').map((u) => u.rank).sort();
    expect(ranks).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('breaks the tie between STTTT and SCT on the online and postal public services criteria', () => {
    expect(unit('STTTT').index).toBe(unit('SCT').index);
    expect(unit('STTTT').rank).toBe(unit('SCT').rank! - 1);
  });

  it('applies the council decision over the proposal', () => {
    const c = unit('SYT').criteria.find((k) => k.code === '2.3.1')!;
    expect(c.council).toEqual({ score: 0.5, note: 'Tổ thẩm định chấp nhận một phần giải trình do tình hình dịch COVID-19' });
    expect(c.appraised).toBe(0.5);
  });

  it('writes a workbook that reads back with exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'ket-qua-tham-dinh.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Xếp hạng', 'Tổng hợp', 'Phát hiện', 'Tài liệu']));
  });

  it('gives the same results.json on a second run', async () => {
    const again = await runCli(['run', SAMPLE, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(again.code).toBe(0);
    const second = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
    expect(second).toEqual(result);
  });
});
