// A small batch on disk (batch.yaml + one report per unit, filled in but claiming nothing), for CLI tests that need
// appraised units without the sample's 188 PDFs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { reportWorkbookBuffer } from '../../pipeline/batch/report-template.js';
import { bundledFrameworksDir, loadFramework } from '../../pipeline/framework/load-framework.js';
import { batchYaml } from './batch-yaml.js';
import { tempDir } from './temp.js';

export interface SmallUnit {
  code: string;
  name: string;
}

/** Write a batch of `units` (group `so`, Hưng Yên 2021) with `overrides` on batch.yaml; returns its folder. */
export async function smallBatch(units: SmallUnit[] = [{ code: 'STP', name: 'Sở Tư pháp' }], overrides: Record<string, unknown> = {}): Promise<string> {
  const dir = path.join(await tempDir(), 'batch');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'batch.yaml'), batchYaml({ units: units.map((u) => ({ ...u, group: 'so' })), ...overrides }));
  const framework = await loadFramework('hung-yen-2021-so', bundledFrameworksDir());
  for (const unit of units) {
    const folder = path.join(dir, 'units', unit.code);
    await mkdir(path.join(folder, 'evidence'), { recursive: true });
    // Scored 0 on 2.1 (no evidence asked): a report filled in, claiming nothing.
    const claims = new Map([['2.1', { self: 0 }]]);
    const report = await reportWorkbookBuffer(framework, { unit: { ...unit, group: 'so' }, year: 2021, created: new Date('2021-11-30T00:00:00Z'), claims });
    await writeFile(path.join(folder, 'report.xlsx'), report);
  }
  return dir;
}
