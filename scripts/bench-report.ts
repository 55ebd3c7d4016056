// Reading hostile report workbooks: a 100,000-row report and a report with one cell at row 1,048,576.
// Each case is read in a fresh process (`--case NAME`) so that its peak memory (max RSS) is its own.
// Usage: npm run bench:report
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReport } from '../pipeline/batch/read-report.js';
import { buildReportWorkbook } from '../pipeline/batch/report-template.js';
import { bundledFrameworksDir, loadFramework } from '../pipeline/framework/load-framework.js';

const CASES = {
  /** The template plus 100,000 filled rows below it (pasted data, a runaway fill-down). */
  'rows-100000': async (wb: import('exceljs').Workbook) => {
    const sheet = wb.worksheets[0]!;
    const start = sheet.rowCount + 1;
    for (let r = start; r < start + 100_000; r++) sheet.getRow(r).values = [null, `9.${r}`, 'Dòng thừa', 1, 1];
  },
  /** The template plus one stray cell at the last row Excel has. */
  'cell-at-1048576': async (wb: import('exceljs').Workbook) => {
    wb.worksheets[0]!.getCell('B1048576').value = 'x';
  },
};

async function readCase(file: string): Promise<void> {
  const framework = await loadFramework('hung-yen-2021-so', bundledFrameworksDir());
  const started = performance.now();
  const reading = await readReport(file, framework, 'STP');
  const ms = performance.now() - started;
  const limits = reading.findings.filter((f) => /giới hạn|vượt/u.test(f.reason)).map((f) => f.reason);
  process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), claims: reading.report?.claims.length ?? null, findings: reading.findings.length, limits })}\n`);
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--read');
  if (at !== -1) return readCase(process.argv[at + 1]!);
  const framework = await loadFramework('hung-yen-2021-so', bundledFrameworksDir());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-bench-report-'));
  const self = fileURLToPath(import.meta.url);
  for (const [name, fill] of Object.entries(CASES)) {
    const wb = buildReportWorkbook(framework);
    await fill(wb);
    const file = path.join(dir, `${name}.xlsx`);
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    // GNU time's last stderr line: elapsed seconds and peak resident memory (KB) of the reading process.
    const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, '--import', 'tsx', self, '--read', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const [seconds, kb] = run.stderr.trim().split('\n').at(-1)!.split(' ');
    process.stdout.write(`${name}: ${seconds} s, peak ${Math.round(Number(kb) / 1024)} MB; ${run.stdout.trim()}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
