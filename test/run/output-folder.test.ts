// The output and cache folders are compared with the batch folder by real path, links resolved both
// ways, before anything is created; an output path that cannot be a folder is exit 4.
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipeline/util/errors.js';
import { batchYaml } from '../helpers/batch-yaml.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { treeHash } from '../helpers/tree-hash.js';

async function batchFolder(): Promise<{ root: string; batch: string }> {
  const root = await tempDir();
  const batch = path.join(root, 'batch');
  await mkdir(path.join(batch, 'units', 'STP'), { recursive: true });
  await writeFile(path.join(batch, 'batch.yaml'), batchYaml());
  return { root, batch };
}

describe('where a run may write', () => {
  it('refuses --out BATCH/ket-qua (exit 2) without creating it', async () => {
    const { batch } = await batchFolder();
    const before = await treeHash(batch);
    const r = await runCli(['run', batch, '--out', path.join(batch, 'ket-qua')]);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toContain('không được ghi vào thư mục đầu vào');
    expect(existsSync(path.join(batch, 'ket-qua'))).toBe(false);
    expect(await treeHash(batch)).toEqual(before);
  });

  it('refuses an --out or --cache that holds the batch folder (exit 2): a later run would remove what it finds under out/audit', async () => {
    const root = await tempDir();
    const batch = path.join(root, 'audit');
    await mkdir(path.join(batch, 'units', 'STP'), { recursive: true });
    await writeFile(path.join(batch, 'batch.yaml'), batchYaml());
    const before = await treeHash(batch);
    const r = await runCli(['run', batch, '--out', root]);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toContain(`Thư mục đợt thẩm định ${batch} nằm trong thư mục kết quả ${root}: lần chạy có thể ghi đè hoặc xóa tài liệu đầu vào`);
    const cache = await runCli(['run', batch, '--out', path.join(await tempDir(), 'out'), '--cache', root]);
    expect(cache.code).toBe(ExitCode.Usage);
    expect(cache.stderr).toContain('nằm trong thư mục lưu kết quả đọc tài liệu');
    expect(await treeHash(batch)).toEqual(before);
  });

  it('refuses an --out that is a symlink into the batch (exit 2), naming where it leads', async () => {
    const { root, batch } = await batchFolder();
    await symlink(path.join(batch, 'units', 'STP'), path.join(root, 'link-out'));
    const before = await treeHash(batch);
    const r = await runCli(['run', batch, '--out', path.join(root, 'link-out', 'ket-qua')]);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toContain('qua liên kết');
    expect(await treeHash(batch)).toEqual(before);
  });

  it('refuses an --out inside the real folder of a batch given through a symlink (exit 2)', async () => {
    const { root, batch } = await batchFolder();
    await symlink(batch, path.join(root, 'batch-link'));
    const before = await treeHash(batch);
    const r = await runCli(['run', path.join(root, 'batch-link'), '--out', path.join(batch, 'ket-qua')]);
    expect(r.code).toBe(ExitCode.Usage);
    expect(existsSync(path.join(batch, 'ket-qua'))).toBe(false);
    expect(await treeHash(batch)).toEqual(before);
  });

  it('refuses a --cache inside the batch, directly or through a link (exit 2)', async () => {
    const { root, batch } = await batchFolder();
    const before = await treeHash(batch);
    const direct = await runCli(['run', batch, '--out', path.join(root, 'out'), '--cache', path.join(batch, '.cache')]);
    expect(direct.code).toBe(ExitCode.Usage);
    expect(direct.stderr).toContain('Thư mục lưu kết quả đọc tài liệu');
    await mkdir(path.join(root, 'out2'));
    await symlink(path.join(batch, 'units'), path.join(root, 'out2', '.cache'));
    const linked = await runCli(['run', batch, '--out', path.join(root, 'out2')]);
    expect(linked.code).toBe(ExitCode.Usage);
    expect(await treeHash(batch)).toEqual(before);
    expect(existsSync(path.join(root, 'out'))).toBe(false);
  });

  it('an --out that is an existing file, or lies under a file, is exit 4 "Không tạo được thư mục kết quả"', async () => {
    const { root, batch } = await batchFolder();
    const file = path.join(root, 'ket-qua.txt');
    await writeFile(file, 'x');
    const onFile = await runCli(['run', batch, '--out', file]);
    expect(onFile.code).toBe(ExitCode.Output);
    expect(onFile.stderr).toContain(`Không tạo được thư mục kết quả ${file}`);
    const under = await runCli(['run', batch, '--out', path.join(file, 'con')]);
    expect(under.code).toBe(ExitCode.Output);
    expect(under.stderr).toContain('là một tệp, không phải thư mục');
  });

  it.skipIf(!existsSync('/proc/self'))('an --out where no folder can be made (under /proc) says so, once, exit 4', async () => {
    const { batch } = await batchFolder();
    const r = await runCli(['run', batch, '--out', '/proc/ket-qua-cchc']);
    expect(r.code).toBe(ExitCode.Output);
    expect(r.stderr).toContain('Không tạo được thư mục kết quả /proc/ket-qua-cchc: nơi này không cho tạo thư mục mới.');
    expect(r.stderr).not.toContain('không tìm thấy');
  });

  it('does not append the log through a symlink planted in the output folder', async () => {
    const { root, batch } = await batchFolder();
    const out = path.join(root, 'out');
    await mkdir(out);
    await symlink(path.join(batch, 'batch.yaml'), path.join(out, 'cchc.log'));
    const before = await treeHash(batch);
    const r = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(ExitCode.Ok);
    expect(await treeHash(batch)).toEqual(before);
  });
});
