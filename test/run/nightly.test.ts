// Nightly operation: locks, logs, progress without a terminal, and what changed since the last run.
import { spawnSync } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../pipeline/run/lock.js';
import type { BatchChanges } from '../../pipeline/run/changes.js';
import { ExitCode } from '../../pipeline/util/errors.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

async function sampleCopy(): Promise<{ batch: string; out: string }> {
  const dir = await tempDir();
  const batch = path.join(dir, 'batch');
  await cp('fixtures/sample-batch', batch, { recursive: true });
  return { batch, out: path.join(dir, 'out') };
}

describe('nightly runs', () => {
  it('refuses to run while another live run holds the output folder (exit 6)', async () => {
    const { batch, out } = await sampleCopy();
    await runCli(['run', batch, '--out', out, '--quiet']);
    const owner = { pid: process.pid, host: os.hostname(), startedAt: '2026-11-21T01:30:00.000Z', batch };
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify(owner));
    const r = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(r.code).toBe(ExitCode.Locked);
    expect(r.stderr).toContain(`Một lần chạy khác đang dùng thư mục kết quả ${out} (tiến trình ${process.pid}`);
  });

  it('takes over the lock of a run that was killed, and says so in the log', async () => {
    const { batch, out } = await sampleCopy();
    await runCli(['run', batch, '--out', out, '--quiet']);
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify({ pid: dead, host: os.hostname(), startedAt: '2026-11-21T01:30:00.000Z', batch }));
    const r = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const log = await readFile(path.join(out, 'cchc.log'), 'utf8');
    expect(log).toContain(`Tiếp quản khóa cũ của tiến trình ${dead}`);
  });

  it('without a terminal prints progress as plain lines, and keeps everything in cchc.log', async () => {
    const { batch, out } = await sampleCopy();
    const r = await runCli(['run', batch, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Bắt đầu đọc 188 tệp tài liệu kiểm chứng của 8 đơn vị.');
    expect(r.stderr).toMatch(/Tiến độ: 188\/188 tệp \(100%\), 8\/8 đơn vị/u);
    expect(r.stderr).not.toContain('\u001b[');
    const log = await readFile(path.join(out, 'cchc.log'), 'utf8');
    expect(log).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z Đợt thẩm định: /mu);
    expect(log).toContain('Đã đọc units/SXD/evidence/1.1.1/');
    expect(log).toContain('TÓM TẮT ĐỢT THẨM ĐỊNH');
  });

  it('--quiet prints only the summary', async () => {
    const { batch, out } = await sampleCopy();
    const r = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('TÓM TẮT ĐỢT THẨM ĐỊNH');
  });

  it('reports what changed since the last run: evidence removed and added, findings resolved, scores changed', async () => {
    const { batch, out } = await sampleCopy();
    await runCli(['run', batch, '--out', out, '--quiet']);
    const first = JSON.parse(await readFile(path.join(out, 'changes.json'), 'utf8')) as BatchChanges;
    expect(first.hasPrevious).toBe(false);

    // Overnight, Sở Xây dựng replaces its suffixed plan by a properly numbered one.
    const folder = path.join(batch, 'units/SXD/evidence/1.1.1');
    const suffixed = path.join(folder, 'ke-hoach-cai-cach-hanh-chinh-nam-2021.pdf');
    const stpPlans = path.join(batch, 'units/STP/evidence/1.1.1');
    const proper = path.join(stpPlans, (await readdir(stpPlans))[0]!);
    await rm(suffixed);
    await cp(proper, path.join(folder, 'ke-hoach-cai-cach-hanh-chinh-nam-2021-ban-so-hoa.pdf'));

    const r = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const changes = JSON.parse(await readFile(path.join(out, 'changes.json'), 'utf8')) as BatchChanges;
    expect(changes.hasPrevious).toBe(true);
    expect(changes.units.map((u) => u.unit)).toEqual(['SXD']);
    const sxd = changes.units[0]!;
    expect(sxd.evidenceRemoved).toEqual(['units/SXD/evidence/1.1.1/ke-hoach-cai-cach-hanh-chinh-nam-2021.pdf']);
    expect(sxd.evidenceAdded).toEqual(['units/SXD/evidence/1.1.1/ke-hoach-cai-cach-hanh-chinh-nam-2021-ban-so-hoa.pdf']);
    expect(sxd.resolvedFindings.some((f) => f.rule === 'suffixed-number')).toBe(true);
    expect(r.stdout).toMatch(/SXD\s+.*phát hiện đã khắc phục/u);

    const again = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(again.stdout).toContain('Thay đổi so với lần chạy trước: không có');
  });
});
