// What the command line says and returns when it cannot run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../pipeline/util/errors.js';
import { packageRoot } from '../../pipeline/util/package-root.js';
import { batchYaml } from '../helpers/batch-yaml.js';
import { runCli } from '../helpers/cli.js';
import { sharedCacheArgs } from '../helpers/shared-cache.js';
import { tempDir } from '../helpers/temp.js';

describe('cchc command line', () => {
  it('shows help in Vietnamese', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cách dùng: cchc');
    expect(r.stdout).toContain('Lệnh:');
    for (const cmd of ['run', 'extract', 'template', 'frameworks']) expect(r.stdout).toContain(cmd);
    const sub = await runCli(['run', '--help']);
    expect(sub.stdout).toContain('thư mục có batch.yaml');
    expect(sub.stdout).not.toMatch(/\bdefault:/u);
  });

  it('exits 3 and names the folder when there is no batch.yaml', async () => {
    const dir = await tempDir();
    const r = await runCli(['run', dir, '--out', path.join(dir, '..', `out-${path.basename(dir)}`)]);
    expect(r.code).toBe(ExitCode.BadBatch);
    expect(r.stderr).toContain(`Lỗi: Thư mục ${dir} không có tệp batch.yaml`);
  });

  it('given batch.yaml itself (a common slip), exits 3 and names the folder to give instead', async () => {
    const r = await runCli(['run', 'fixtures/sample-batch/batch.yaml', '--out', path.join(await tempDir(), 'out')]);
    expect(r.code).toBe(ExitCode.BadBatch);
    expect(r.stderr).toContain(`là tệp batch.yaml; hãy cho thư mục chứa nó: ${path.resolve('fixtures/sample-batch')}`);
  });

  it('exits 3 and lists the bundled frameworks when the framework is unknown', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'batch.yaml'), batchYaml({ framework: 'quang-ninh-2030' }));
    const r = await runCli(['run', dir, '--out', `${dir}-out`]);
    expect(r.code).toBe(ExitCode.BadBatch);
    expect(r.stderr).toContain('Không tìm thấy bộ chỉ số "quang-ninh-2030"');
    expect(r.stderr).toContain('hung-yen-2021-so');
  });

  it('refuses an output folder inside the batch folder (exit 2)', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'batch.yaml'), batchYaml());
    const r = await runCli(['run', dir, '--out', path.join(dir, 'output')]);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toContain('không được ghi vào thư mục đầu vào');
  });

  it('a batch without its units/ folder is not run (exit 3, naming the folder): no decision that publishes nobody', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'batch.yaml'), batchYaml());
    const out = `${dir}-out`;
    const r = await runCli(['run', dir, '--out', out, '--quiet']);
    expect(r.code).toBe(ExitCode.BadBatch);
    expect(r.stderr).toContain(`Lỗi: Thư mục hồ sơ các đơn vị ${path.join(dir, 'units')} không tồn tại: không đơn vị nào thẩm định được.`);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    // units/ as a file is the same.
    await writeFile(path.join(dir, 'units'), '');
    const file = await runCli(['run', dir, '--out', out, '--quiet']);
    expect(file.code).toBe(ExitCode.BadBatch);
    expect(file.stderr).toContain('units không phải thư mục');
  });

  it('--progress takes auto, bar or lines; anything else is refused in Vietnamese, listing them (exit 2)', async () => {
    const r = await runCli(['run', 'fixtures/sample-batch', '--progress', 'foo']);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toContain("Lỗi: tùy chọn '--progress <kiểu>' không nhận giá trị 'foo'; các giá trị hợp lệ: auto, bar, lines.");
    expect(r.stderr).not.toMatch(/Allowed choices|is invalid/u);
  });

  it('`cchc help <lệnh>` shows that command\'s help; an unknown command is refused (exit 2)', async () => {
    const run = await runCli(['help', 'run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Cách dùng: cchc run [tùy chọn] <thư-mục-đợt>');
    const all = await runCli(['help']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('Lệnh:');
    const none = await runCli([]);
    expect(none.code).toBe(ExitCode.Usage);
    expect(none.stderr).toContain('Cách dùng: cchc');
    const bogus = await runCli(['help', 'bogus']);
    expect(bogus.code).toBe(ExitCode.Usage);
    expect(bogus.stderr).toContain('Lỗi: không có lệnh "bogus". Các lệnh: run, snapshot, audit, extract, template, frameworks, worker.');
    expect(bogus.stdout).toBe('');
  });

  it('explains a wrong option in Vietnamese (exit 2)', async () => {
    const r = await runCli(['run', '--khong-co']);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toContain("Lỗi: tùy chọn không hợp lệ '--khong-co'");
  });

  it('a process allowed too few open files says so in Vietnamese with the limit it needs, not a stack trace', async () => {
    const out = path.join(await tempDir('cchc-emfile-'), 'out');
    const r = spawnSync('prlimit', ['--nofile=40:40', process.execPath, path.join(packageRoot(), 'dist', 'pipeline', 'cli.js'), 'run', 'fixtures/sample-batch', '--out', out, '--quiet'], { encoding: 'utf8' });
    expect(r.status).toBe(ExitCode.Internal);
    expect(r.stderr).toContain('Lỗi: hệ thống không cho mở thêm tệp (EMFILE');
    expect(r.stderr).toContain('ulimit -n');
    expect(r.stderr).not.toContain('    at ');
  });

  it('an empty --out (a script\'s unset variable) is a usage error (exit 2), never the current folder', async () => {
    for (const command of [['run', 'fixtures/sample-batch'], ['audit', 'fixtures/sample-batch'], ['snapshot', 'fixtures/sample-batch', '--round', '1']]) {
      const r = await runCli([...command, '--out', ' ']);
      expect(r.code, command.join(' ')).toBe(2);
      expect(r.stderr).toContain('Lỗi: --out cần đường dẫn thư mục kết quả, không được để trống');
    }
    const template = await runCli(['template', 'hung-yen-2021-so', '--out', '']);
    expect(template.code).toBe(2);
    expect(template.stderr).toContain('--out cần đường dẫn tệp báo cáo mẫu');
  });

  it('runs a unit that has no folder yet as "not appraised" and still completes', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'batch.yaml'), batchYaml());
    await mkdir(path.join(dir, 'units'));
    const r = await runCli(['run', dir, '--out', `${dir}-out`, '--quiet']);
    expect(r.code).toBe(ExitCode.Ok);
    expect(r.stdout).toContain('1 đơn vị không thẩm định được');
  });

  it('writes a blank report template for a framework, and refuses to overwrite it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'report.xlsx');
    const r = await runCli(['template', 'hung-yen-2021-so', '--out', file, '--unit', 'STP', '--name', 'Sở Tư pháp']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Đã tạo mẫu báo cáo');
    const again = await runCli(['template', 'hung-yen-2021-so', '--out', file]);
    expect(again.code).toBe(ExitCode.Usage);
    expect(again.stderr).toContain('dùng --force để ghi đè');
    // --out naming a folder, even with --force, is a usage error that says so, not a crash.
    const folder = await runCli(['template', 'hung-yen-2021-so', '--out', dir, '--force']);
    expect(folder.code).toBe(ExitCode.Usage);
    expect(folder.stderr).toContain('là một thư mục');
  });

  it('a template that cannot be written is an output error naming the file (exit 4), never a hang: not even under /proc', async () => {
    const r = await runCli(['template', 'hung-yen-2021-so', '--out', '/proc/cchc-nope/report.xlsx']);
    expect(r.code).toBe(ExitCode.Output);
    expect(r.stderr).toContain('Không ghi được mẫu báo cáo /proc/cchc-nope/report.xlsx');
    expect(r.stderr).not.toMatch(/ENOENT|Error:/u);
  });

  it('lists the bundled frameworks', async () => {
    const r = await runCli(['frameworks']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('hung-yen-2021-so');
  });

  it('reads a batch copied anywhere, with its units', async () => {
    const dir = await tempDir();
    await cp('fixtures/sample-batch', path.join(dir, 'batch'), { recursive: true });
    await mkdir(path.join(dir, 'out'));
    const r = await runCli(['run', path.join(dir, 'batch'), '--out', path.join(dir, 'out'), '--quiet', ...sharedCacheArgs()]);
    expect(r.code).toBe(0);
  });
});
