// SIGTERM during the document phase is handled promptly: exit 143, the lock released (the next night's
// run is not refused), and the previous outputs untouched. Ctrl-C while reading says it stopped as
// asked and which files it had not finished, never as reader crashes.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { smallBatch } from '../helpers/small-batch.js';
import { tempDir } from '../helpers/temp.js';
import { treeHash } from '../helpers/tree-hash.js';

describe('SIGTERM while the documents are rendered', () => {
  it('exits 143, releases the lock, leaves no result of the stopped run; the next run completes', async () => {
    const units = Array.from({ length: 24 }, (_, i) => ({ code: `DV${String(i + 1).padStart(2, '0')}`, name: `Đơn vị số ${i + 1} ${'trực thuộc UBND tỉnh '.repeat(20)}` }));
    const batch = await smallBatch(units);
    const out = `${batch}-out`;
    const child = spawn(process.execPath, [path.resolve('dist/pipeline/cli.js'), 'run', batch, '--out', out, '--quiet']);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let sent = false;
    const staged = async () => existsSync(out) && (await readdir(out)).some((n) => n.startsWith('.cchc-staging-'));
    while (!sent && child.exitCode === null) {
      if (await staged()) {
        child.kill('SIGTERM');
        sent = true;
      } else await new Promise((r) => setTimeout(r, 10));
    }
    expect(sent).toBe(true);
    expect(await exit).toBe(143);
    expect(existsSync(path.join(out, '.cchc.lock'))).toBe(false);
    expect(existsSync(path.join(out, 'results.json'))).toBe(false);
    const next = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(next.code, next.stderr).toBe(0);
    expect((await readdir(out)).filter((n) => n.startsWith('.cchc-staging-'))).toEqual([]);
  }, 180_000);
});

describe('Ctrl-C while the evidence is read', () => {
  it('says it stopped as asked, names the files it had not finished (not as reader crashes), keeps the previous outputs, exits 130', async () => {
    // Sở Tư pháp of the sample batch, without its calendar.
    const dir = await tempDir();
    const batch = path.join(dir, 'batch');
    await cp('fixtures/sample-batch', batch, { recursive: true });
    for (const unit of await readdir(path.join(batch, 'units'))) if (unit !== 'STP') await rm(path.join(batch, 'units', unit), { recursive: true });
    const yaml = parse(await readFile(path.join(batch, 'batch.yaml'), 'utf8')) as Record<string, unknown>;
    yaml.units = [{ code: 'STP', name: 'Sở Tư pháp', group: 'so' }];
    delete yaml.rounds;
    await writeFile(path.join(batch, 'batch.yaml'), stringify(yaml));
    // A previous night's outputs, from the folder before its evidence came in.
    const out = path.join(dir, 'out');
    const evidence = path.join(batch, 'units', 'STP', 'evidence');
    await rename(evidence, path.join(dir, 'evidence'));
    await mkdir(evidence);
    const first = await runCli(['run', batch, '--out', out, '--quiet', '--no-audit']);
    expect(first.code, first.stderr).toBe(0);
    const previous = await treeHash(out);
    await rm(evidence, { recursive: true });
    await rename(path.join(dir, 'evidence'), evidence);

    // Its own process group, signalled as a terminal's Ctrl-C is: the run and its reader processes at once.
    const child = spawn(process.execPath, [path.resolve('dist/pipeline/cli.js'), 'run', batch, '--out', out, '--quiet', '--no-audit', '--workers', '2'], { detached: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const log = path.join(out, 'cchc.log');
    const reading = async () => ((await readFile(log, 'utf8').catch(() => '')).match(/ Đã đọc /gu) ?? []).length >= 2;
    while (child.exitCode === null && !(await reading())) await new Promise((r) => setTimeout(r, 20));
    process.kill(-child.pid!, 'SIGINT');
    expect(await exit).toBe(130);

    expect(stderr).toContain('Đã dừng theo yêu cầu (Ctrl-C).');
    expect(stderr).toContain('Bộ kết quả trong thư mục kết quả (của lần chạy trước, nếu có) được giữ nguyên');
    const text = await readFile(log, 'utf8');
    expect(text).toContain('Đã dừng theo yêu cầu (Ctrl-C).');
    expect(text).not.toContain('trình đọc bị dừng đột ngột');
    expect(text).not.toContain('dừng đột ngột');
    // The files named as not read were not logged as read.
    const unread = [...text.matchAll(/^ {4}(units\/STP\/\S.*)$/gmu)].map((m) => m[1]!);
    expect(unread.length).toBeGreaterThan(0);
    for (const file of unread) expect(text).not.toContain(`Đã đọc ${file}`);
    expect(existsSync(path.join(out, '.cchc.lock'))).toBe(false);
    const after = await treeHash(out);
    for (const kept of ['cchc.log', '.cache']) for (const map of [previous, after]) for (const k of [...map.keys()]) if (k === kept || k.startsWith(`${kept}/`)) map.delete(k);
    expect(after).toEqual(previous);
  }, 180_000);
});

