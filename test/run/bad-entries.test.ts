// One unreadable entry never ends the batch: a report.xlsx that is a folder or cannot be opened, a
// criterion folder without permission, a file name that is not UTF-8 each become that unit's or that
// file's finding in Vietnamese; the other units are appraised and the run exits 0.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchResult } from '../../pipeline/model.js';
import { runCli } from '../helpers/cli.js';
import { smallBatch } from '../helpers/small-batch.js';

const UNITS = [{ code: 'STP', name: 'Sở Tư pháp' }, { code: 'SXD', name: 'Sở Xây dựng' }, { code: 'SYT', name: 'Sở Y tế' }];

async function results(out: string): Promise<BatchResult> {
  return JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BatchResult;
}

/** `setpriv` can drop root (tests run as root, who is never refused); null when it cannot. */
function nobody(): string[] | null {
  const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
  return probe.status === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : null;
}

describe('entries that cannot be opened', () => {
  it('report.xlsx that is a folder (EISDIR) and a file name that is not UTF-8: findings, other units appraised, exit 0', async () => {
    const batch = await smallBatch(UNITS);
    const stp = path.join(batch, 'units', 'STP', 'report.xlsx');
    await rm(stp);
    await mkdir(stp);
    const folder = path.join(batch, 'units', 'SXD', 'evidence', '1.1.1');
    await mkdir(folder, { recursive: true });
    await writeFile(Buffer.concat([Buffer.from(`${folder}/`), Buffer.from('Kê hoach 05.pdf', 'latin1')]), '%PDF-1.4\n');
    const out = `${batch}-out`;
    const r = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const res = await results(out);
    const byCode = new Map(res.units.map((u) => [u.code, u]));
    expect(byCode.get('STP')?.status).toBe('error');
    expect(byCode.get('STP')?.findings.map((f) => f.reason)).toContain(
      'Báo cáo tự đánh giá units/STP/report.xlsx không đọc được: là một thư mục, không phải tệp. Đơn vị chưa được thẩm định.',
    );
    expect(byCode.get('SXD')?.status).toBe('ok');
    expect(byCode.get('SYT')?.status).toBe('ok');
    const sxd = [...(byCode.get('SXD')?.findings ?? []), ...(byCode.get('SXD')?.criteria.flatMap((c) => c.findings) ?? [])];
    expect(sxd.some((f) => f.reason.includes('không phải mã UTF-8'))).toBe(true);
  }, 120_000);

  it.runIf(nobody())('run as a non-root user: report.xlsx and a criterion folder without permission (EACCES) become findings, exit 0', async () => {
    const batch = await smallBatch(UNITS);
    const root = path.dirname(batch);
    await chmod(root, 0o777);
    execFileSync('chmod', ['-R', 'a+rX', batch]);
    await chmod(path.join(batch, 'units', 'STP', 'report.xlsx'), 0o000);
    const criterion = path.join(batch, 'units', 'SXD', 'evidence', '1.1.1');
    await mkdir(criterion, { recursive: true });
    await writeFile(path.join(criterion, 'a.pdf'), '%PDF-1.4\n');
    await chmod(criterion, 0o000);
    const out = path.join(root, 'out');
    const r = await runCli([...nobody()!.slice(1), process.execPath, path.resolve('dist/pipeline/cli.js'), 'run', batch, '--out', out, '--quiet'], { command: 'setpriv' });
    expect(r.code, r.stderr).toBe(0);
    const res = await results(out);
    const byCode = new Map(res.units.map((u) => [u.code, u]));
    expect(byCode.get('STP')?.status).toBe('error');
    expect(byCode.get('STP')?.findings.some((f) => f.reason.includes('không có quyền đọc'))).toBe(true);
    expect(byCode.get('SXD')?.status).toBe('ok');
    const sxd = [...(byCode.get('SXD')?.findings ?? []), ...(byCode.get('SXD')?.criteria.flatMap((c) => c.findings) ?? [])];
    expect(sxd.map((f) => f.reason)).toContain('Không mở được thư mục units/SXD/evidence/1.1.1 (không có quyền đọc): tài liệu trong đó chưa được đọc.');
    expect(byCode.get('SYT')?.status).toBe('ok');
  }, 120_000);
});
