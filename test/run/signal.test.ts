// SIGTERM during the document phase is handled promptly: exit 143, the lock released (the next night's
// run is not refused), and the previous outputs untouched.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { smallBatch } from '../helpers/small-batch.js';

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
