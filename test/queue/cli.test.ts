// `cchc worker` and `cchc run --redis` on the command line: usage errors in Vietnamese, before any
// connection is tried, and what each does when Redis cannot be reached (no redis-server needed).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sharedCacheArgs } from '../helpers/shared-cache.js';
import { tempDir } from '../helpers/temp.js';

describe('cchc worker / cchc run --redis: usage', () => {
  it('cchc worker without --redis is a usage error (exit 2) naming the option', async () => {
    const r = await runCli(['worker']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Lỗi: thiếu tùy chọn bắt buộc '--redis <url>'");
  });

  it('a --redis that is not a redis:// URL is refused with exit 2, for the worker and for the run', async () => {
    const worker = await runCli(['worker', '--redis', '10.0.0.5:6379']);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain('--redis cần địa chỉ dạng redis://máy:cổng (hoặc rediss://), không phải "10.0.0.5:6379".');
    const run = await runCli(['run', 'fixtures/sample-batch', '--out', '/tmp/cchc-never-written', '--redis', 'http://x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('không phải "http://x"');
  });

  it('--redis-wait without --redis is a usage error (exit 2): it would silently do nothing', async () => {
    const r = await runCli(['run', 'fixtures/sample-batch', '--out', '/tmp/cchc-never-written', '--redis-wait', '10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Lỗi: --redis-wait chỉ dùng cùng --redis');
  });

  it('cchc worker --concurrency 0 and --lock-timeout abc are usage errors', async () => {
    expect((await runCli(['worker', '--redis', 'redis://127.0.0.1:1', '--concurrency', '0'])).stderr).toContain('--concurrency cần một số nguyên dương (1, 2, 3…), không phải "0".');
    expect((await runCli(['worker', '--redis', 'redis://127.0.0.1:1', '--lock-timeout', 'abc'])).stderr).toContain('--lock-timeout cần một số dương');
  });

  it('--path-map needs two absolute paths (FROM=TO), and one folder cannot map to two places', async () => {
    const relative = await runCli(['worker', '--redis', 'redis://127.0.0.1:1', '--path-map', 'srv/cchc=/mnt/cchc']);
    expect(relative.code).toBe(2);
    expect(relative.stderr).toContain('--path-map cần dạng /đường-dẫn-trên-máy-chạy=/đường-dẫn-trên-máy-đọc (hai đường dẫn tuyệt đối), không phải "srv/cchc=/mnt/cchc".');
    const twice = await runCli(['worker', '--redis', 'redis://127.0.0.1:1', '--path-map', '/srv/cchc=/mnt/a', '--path-map', '/srv/cchc/=/mnt/b']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('--path-map cho /srv/cchc hai đích khác nhau (/mnt/a và /mnt/b).');
  });

  it('a worker that cannot reach Redis stops after --redis-timeout with exit code 9, naming the URL without its password', async () => {
    const r = await runCli(['worker', '--redis', 'redis://:bi-mat@127.0.0.1:1', '--redis-timeout', '1', '--concurrency', '1']);
    expect(r.code).toBe(9);
    expect(r.stderr).toMatch(/Không kết nối được Redis tại redis:\/\/:\*\*\*@127\.0\.0\.1:1 trong 1 giây \(máy chủ không nhận kết nối tại 127\.0\.0\.1:1, Redis chưa chạy hoặc sai cổng\): máy đọc dừng\. .* \(mã thoát 9\)/u);
    expect(r.stderr).not.toContain('bi-mat');
    expect(r.stderr).not.toContain('đang chờ tài liệu');
  }, 60_000);

  it('cchc run --redis with Redis unreachable reads every file itself, exits 0 and warns in the summary', async () => {
    const dir = await tempDir('cchc-queue-down-');
    // A cache of its own: the files are to be read, so the run turns to the queue.
    const r = await runCli(['run', 'fixtures/sample-batch', '--out', path.join(dir, 'out'), '--quiet', '--redis', 'redis://127.0.0.1:1', '--cache', path.join(dir, 'cache')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Hàng đợi Redis, cho (\d+) tài liệu chưa có trong bộ nhớ đệm kết quả đọc của lần chạy: 0 do máy đọc đọc, 0 lấy từ kết quả dùng chung, \1 đọc tại máy này$/mu);
    expect(r.stdout).toMatch(/^ {2}CẢNH BÁO: không kết nối được Redis tại redis:\/\/127\.0\.0\.1:1 \(máy chủ không nhận kết nối tại 127\.0\.0\.1:1, Redis chưa chạy hoặc sai cổng\): mọi tài liệu cần đọc được đọc tại máy này\.$/mu);
  }, 300_000);

  it('cchc run --redis that has nothing to read (every file in the cache) never reaches for Redis, and says nothing of it', async () => {
    const out = path.join(await tempDir('cchc-queue-idle-'), 'out');
    expect((await runCli(['run', 'fixtures/sample-batch', '--out', out, '--quiet', ...sharedCacheArgs()])).code).toBe(0);
    const r = await runCli(['run', 'fixtures/sample-batch', '--out', out, '--quiet', '--redis', 'redis://127.0.0.1:1', ...sharedCacheArgs()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/Redis/u);
  }, 120_000);

  it('the help lists the worker command and its options in Vietnamese', async () => {
    const r = await runCli(['worker', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('máy đọc tài liệu kiểm chứng');
    const help = r.stdout.replace(/\s+/gu, ' ');
    expect(help).toContain('--concurrency <số>');
    expect(help).toContain('(mặc định: "60")');
    expect(help).toContain('--path-map <máy-chạy=máy-đọc>');
    expect(help).toContain('--redis-timeout <giây> không kết nối được Redis (lúc khởi động hoặc khi mất kết nối) trong chừng này giây thì dừng với mã thoát 9 (mặc định: "120")');
  });
});
