// A full disk while writing the outputs (a real, small tmpfs): exit 4 in Vietnamese, and the previous
// outputs stay whole. Needs permission to mount (root in a container that allows it); otherwise the
// same failure is covered with an injected writer in output-set.test.ts.
import { spawnSync } from 'node:child_process';
import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { mkdirSync, rmdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipeline/util/errors.js';
import { batchYaml } from '../helpers/batch-yaml.js';
import { runCli } from '../helpers/cli.js';
import { smallBatch } from '../helpers/small-batch.js';
import { tempDir } from '../helpers/temp.js';
import { treeHash } from '../helpers/tree-hash.js';

const mountPoint = path.join(os.tmpdir(), `cchc-full-disk-${process.pid}`);
mkdirSync(mountPoint, { recursive: true });
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]).status === 0;
if (!mounted) rmdirSync(mountPoint);

afterAll(() => {
  if (!mounted) return;
  spawnSync('umount', [mountPoint]);
  rmdirSync(mountPoint);
});

/**
 * Every output but the log (a record, appended) and the kept record (a run that starts removes it:
 * after a failed run the next one is a full run).
 */
async function outputs(out: string): Promise<Map<string, string>> {
  const all = await treeHash(out);
  all.delete('cchc.log');
  all.delete('.cchc-kept.json');
  return all;
}

describe.runIf(mounted)('a full disk at the output folder', () => {
  it('exit 4 "đĩa đã đầy", the previous outputs byte for byte, no staging folder left', async () => {
    const units = [{ code: 'STP', name: 'Sở Tư pháp' }, { code: 'SXD', name: 'Sở Xây dựng' }];
    const batch = await smallBatch(units);
    const cache = path.join(await tempDir(), 'cache');
    const out = path.join(mountPoint, 'out');
    const first = await runCli(['run', batch, '--out', out, '--cache', cache, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    const before = await outputs(out);
    expect([...before.keys()]).toContain('results.json');

    // Fill the disk, leaving a few kilobytes: enough for the lock and the log, not for new documents.
    const filler = path.join(mountPoint, 'filler');
    const chunk = Buffer.alloc(64 * 1024, 1);
    const parts: string[] = [];
    for (let i = 0; ; i++) {
      try {
        await writeFile(`${filler}-${i}`, chunk);
        parts.push(`${filler}-${i}`);
      } catch {
        break;
      }
    }
    await unlink(parts.pop()!);

    await writeFile(path.join(batch, 'batch.yaml'), batchYaml({ units: units.map((u) => ({ ...u, name: `${u.name} tỉnh Hưng Yên`, group: 'so' })) }));
    const second = await runCli(['run', batch, '--out', out, '--cache', cache, '--quiet']);
    expect(second.code, second.stderr).toBe(ExitCode.Output);
    expect(second.stderr).toContain(`Không ghi được kết quả vào ${out} (đĩa đã đầy): kết quả của lần chạy trước được giữ nguyên.`);
    expect(await outputs(out)).toEqual(before);
    expect((await readdir(out)).filter((n) => n.startsWith('.cchc-staging-') || n === '.cchc-switch.json')).toEqual([]);
    expect(JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')).units[0].name).toBe('Sở Tư pháp');
  }, 180_000);
});
