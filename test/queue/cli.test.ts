// `cchc worker` and `cchc run --redis` on the command line: usage errors in Vietnamese, before any
// connection is tried.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('cchc worker / cchc run --redis: usage', () => {
  it('cchc worker without --redis is a usage error (exit 2) naming the option', async () => {
    const r = await runCli(['worker']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("lỗi: thiếu tùy chọn bắt buộc '--redis <url>'");
  });

  it('a --redis that is not a redis:// URL is refused with exit 2, for the worker and for the run', async () => {
    const worker = await runCli(['worker', '--redis', '10.0.0.5:6379']);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain('--redis cần địa chỉ dạng redis://máy:cổng (hoặc rediss://), không phải "10.0.0.5:6379".');
    const run = await runCli(['run', 'fixtures/sample-batch', '--out', '/tmp/cchc-never-written', '--redis', 'http://x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('không phải "http://x"');
  });

  it('cchc worker --concurrency 0 and --lock-timeout abc are usage errors', async () => {
    expect((await runCli(['worker', '--redis', 'redis://127.0.0.1:1', '--concurrency', '0'])).stderr).toContain('--concurrency cần một số dương, không phải "0".');
    expect((await runCli(['worker', '--redis', 'redis://127.0.0.1:1', '--lock-timeout', 'abc'])).stderr).toContain('--lock-timeout cần một số dương');
  });

  it('the help lists the worker command and its options in Vietnamese', async () => {
    const r = await runCli(['worker', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('máy đọc tài liệu kiểm chứng');
    expect(r.stdout).toContain('--concurrency <số>');
    expect(r.stdout).toContain('(mặc định: "60")');
  });
});
