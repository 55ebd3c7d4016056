// The new-user test's repro, end to end on real PDFs: the sample batch without its calendar, Sở Công
// Thương's folder replaced by a byte-for-byte copy of Sở TTTT's. The copy is named file by file
// (shared-evidence, to the council); Sở TTTT is only told; nothing is zeroed for it. The other five
// departments' folders are left out to keep the run small (they become "not appraised").
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { BatchResult, Finding } from '../../pipeline/model.js';
import { runCli } from '../helpers/cli.js';
import { sharedCacheArgs } from '../helpers/shared-cache.js';
import { tempDir } from '../helpers/temp.js';

describe('a unit folder copied from another unit', () => {
  it('Sở Công Thương filing Sở TTTT\'s files: every copied file goes to the council naming Sở TTTT\'s file', async () => {
    const dir = await tempDir('cchc-copied-');
    const batch = path.join(dir, 'batch');
    await cp('fixtures/sample-batch', batch, { recursive: true });
    const yaml = parse(await readFile(path.join(batch, 'batch.yaml'), 'utf8')) as Record<string, unknown>;
    delete yaml.rounds;
    await writeFile(path.join(batch, 'batch.yaml'), stringify(yaml));
    for (const code of ['STP', 'SXD', 'SYT', 'SNN', 'SGTVT', 'SCT']) await rm(path.join(batch, 'units', code), { recursive: true, force: true });
    await cp(path.join(batch, 'units', 'STTTT'), path.join(batch, 'units', 'SCT'), { recursive: true });

    const run = await runCli(['run', batch, '--out', path.join(dir, 'out'), '--quiet', '--no-audit', ...sharedCacheArgs()]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Trùng tệp của đơn vị khác \(shared-evidence\) +\d+/u);
    const result = JSON.parse(await readFile(path.join(dir, 'out', 'results.json'), 'utf8')) as BatchResult;
    const shared = (code: string): Finding[] =>
      result.units.find((u) => u.code === code)!.criteria.flatMap((c) => c.findings.filter((f) => f.rule === 'shared-evidence'));

    const copy = shared('SCT');
    expect(copy.length).toBeGreaterThan(20);
    expect(new Set(copy.map((f) => f.effect))).toEqual(new Set(['review']));
    const report = copy.find((f) => f.criterion === '1.1.2')!;
    expect(report.file).toBe('units/SCT/evidence/1.1.2/Báo cáo 230-BC-STTTT.pdf');
    expect(report.reason).toContain('văn bản số 230/BC-STTTT');
    expect(report.reason).toContain('với tệp "units/STTTT/evidence/1.1.2/Báo cáo 230-BC-STTTT.pdf" của Sở Thông tin và Truyền thông (STTTT)');
    expect(result.units.find((u) => u.code === 'SCT')!.criteria.find((c) => c.code === '1.1.2')!.review).toBe(true);

    const original = shared('STTTT');
    expect(original).toHaveLength(copy.length);
    expect(new Set(original.map((f) => f.effect))).toEqual(new Set(['info']));
  }, 300_000);
});
