// How long the document renderers take and how much memory they hold, on the sample batch's results
// scaled up to a province-sized round (copies of its units).
//
//   npx tsx scripts/bench-documents.ts [copies=30] [--cache DIR]
// (--cache: an evidence cache that already holds the sample's readings, e.g. output/.cache after
// `npm start`, so that the sample is not read cold first.)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OutputContext } from '../pipeline/documents/context.js';
import { renderDecision } from '../pipeline/documents/decision.js';
import { renderMinutes } from '../pipeline/documents/minutes.js';
import { renderWorkbook } from '../pipeline/documents/workbook.js';
import { rankUnits } from '../pipeline/appraisal/rank.js';
import { runBatch } from '../pipeline/run/run-batch.js';
import { packageRoot } from '../pipeline/util/package-root.js';

const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const sharedCache = cacheAt >= 0 ? path.resolve(args[cacheAt + 1] ?? '') : null;
const copies = Number(args.find((a, i) => /^\d+$/u.test(a) && args[i - 1] !== '--cache') ?? '30');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cchc-bench-'));
try {
  const sample = path.join(packageRoot(), 'fixtures', 'sample-batch');
  const frameworks = new Map();
  const run = await runBatch(sample, { out: path.join(tmp, 'out'), cacheDir: sharedCache ?? path.join(tmp, 'cache') });
  for (const u of run.result.units) {
    if (!frameworks.has(u.framework)) {
      const { loadFramework } = await import('../pipeline/framework/load-framework.js');
      frameworks.set(u.framework, await loadFramework(u.framework, sample));
    }
  }
  const units = Array.from({ length: copies }, (_, k) => run.result.units.map((u) => ({
    ...u, code: `${u.code}${k}`, name: `${u.name} ${k + 1}`, index: Math.max(0, u.index - k * 0.37),
  }))).flat();
  const ranked = rankUnits(units);
  const ctx: OutputContext = {
    batch: { ...run.batch, units: ranked.map((u) => ({ code: u.code, name: u.name, group: u.group })) },
    result: { ...run.result, units: ranked },
    frameworks,
  };
  // Wall and CPU time (CPU is what to compare on a loaded machine).
  const time = async (label: string, fn: () => Promise<number>) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const bytes = await fn();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    console.log(`${label.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms  ${((used.user + used.system) / 1000).toFixed(0).padStart(7)} ms CPU  ${(bytes / 1024).toFixed(0).padStart(7)} KiB`);
    return ms;
  };
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
  const rssBefore = process.memoryUsage().rss;
  console.log(`${ranked.length} units (${copies} copies of the sample's ${run.result.units.length})`);
  const ok = ranked.filter((u) => u.status === 'ok');
  const minutesMs = await time(`minutes, ${ok.length} units`, async () => {
    let total = 0;
    for (const [i, u] of ok.entries()) total += (await renderMinutes(ctx, u, i)).length;
    return total;
  });
  console.log(`${'  per unit'.padEnd(40)} ${(minutesMs / ok.length).toFixed(1).padStart(7)} ms`);
  await time('decision with annex', async () => (await renderDecision(ctx)).length);
  await time('workbook', async () => (await renderWorkbook(ctx)).length);
  console.log(`RSS before rendering ${mib(rssBefore)} (after the batch run), after ${mib(process.memoryUsage().rss)}; process peak ${mib(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
