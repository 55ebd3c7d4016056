// Reading evidence beyond one machine: `cchc worker`s take the files of `cchc run --redis` from a
// BullMQ queue on a redis-server of the test's own. What a run writes must not depend on where its
// files were read: byte-identical outputs, a worker killed mid-file (kill -9) changing nothing.
import { createHash } from 'node:crypto';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEvidenceReader, READER_VERSION } from '../../pipeline/evidence/reader.js';
import { jobIdOf, queueName } from '../../pipeline/queue/evidence-queue.js';
import { connectQueueReader, type QueueReader } from '../../pipeline/queue/queue-reader.js';
import type { StalledFiles } from '../../pipeline/run/progress.js';
import { runCli } from '../helpers/cli.js';
import { redisAvailable, type RedisServer, startRedis, startWorker, type WorkerProcess } from '../helpers/redis.js';
import { sharedCacheArgs } from '../helpers/shared-cache.js';
import { tempDir } from '../helpers/temp.js';
import { treeHash } from '../helpers/tree-hash.js';

const SAMPLE = 'fixtures/sample-batch';
const EVIDENCE = path.resolve(SAMPLE, 'units/STP/evidence');
/** The outputs a run's result is (the log, the cache, changes.json and the history are records of the run). */
const OUTPUTS = ['results.json', 'ket-qua-tham-dinh.xlsx', 'quyet-dinh-cong-bo-chi-so-cchc.docx', 'bien-ban', 'audit'];

let redis: RedisServer;
let reference: Promise<Map<string, string>> | null = null;
const workers: WorkerProcess[] = [];
const readers: QueueReader[] = [];

async function outputsOf(out: string): Promise<Map<string, string>> {
  const all = await treeHash(out);
  return new Map([...all].filter(([rel]) => OUTPUTS.some((o) => rel === o || rel.startsWith(`${o}/`))));
}

/** The reference: the sample batch appraised on this machine alone (once, for the tests that compare). */
function referenceOutputs(): Promise<Map<string, string>> {
  reference ??= (async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'cchc-queue-ref-')), 'out');
    const local = await runCli(['run', SAMPLE, '--out', out, '--quiet', ...sharedCacheArgs()]);
    expect(local.code, local.stderr).toBe(0);
    const outputs = await outputsOf(out);
    await rm(path.dirname(out), { recursive: true, force: true });
    return outputs;
  })();
  return reference;
}

async function flush(): Promise<void> {
  const client = new Redis(redis.url);
  await client.flushall();
  client.disconnect();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

describe.runIf(redisAvailable())('cchc worker and cchc run --redis (BullMQ on Redis)', () => {
  beforeAll(async () => {
    redis = await startRedis();
  });

  afterEach(async () => {
    await Promise.all(readers.splice(0).map((r) => r.close()));
    await Promise.all(workers.splice(0).map((w) => w.kill9()));
    await flush();
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('two workers and a run on the sample batch give byte-identical results.json, documents and audit pages', async () => {
    void referenceOutputs();
    workers.push(await startWorker(redis.url, ['--concurrency', '1']), await startWorker(redis.url, ['--concurrency', '1']));
    const out = path.join(await tempDir('cchc-queue-'), 'out');
    const run = await runCli(['run', SAMPLE, '--out', out, '--quiet', '--redis', redis.url]);
    expect(run.code, run.stderr).toBe(0);
    expect(await outputsOf(out)).toEqual(await referenceOutputs());
    // Every file went through the queue (none read on the run's machine), each read once.
    const read = workers.flatMap((w) => w.read());
    expect(run.stdout).toMatch(new RegExp(`Hàng đợi Redis, cho ${read.length} tài liệu chưa có trong bộ nhớ đệm kết quả đọc của lần chạy: ${read.length} do máy đọc đọc, 0 lấy từ kết quả dùng chung, 0 đọc tại máy này`, 'u'));
    expect(new Set(read).size).toBe(read.length);
    expect(workers.every((w) => w.read().length > 0)).toBe(true);
    // A second run elsewhere finds every reading in the shared results: no job, no reading.
    const again = await runCli(['run', SAMPLE, '--out', path.join(out, '..', 'out2'), '--quiet', '--redis', redis.url]);
    expect(again.stdout).toMatch(new RegExp(`Hàng đợi Redis, cho ${read.length} tài liệu chưa có trong bộ nhớ đệm kết quả đọc của lần chạy: 0 do máy đọc đọc, ${read.length} lấy từ kết quả dùng chung, 0 đọc tại máy này`, 'u'));
    expect(await outputsOf(path.join(out, '..', 'out2'))).toEqual(await referenceOutputs());
    expect(await Promise.all(workers.splice(0).map((w) => w.stop()))).toEqual([0, 0]);
  }, 600_000);

  it('a worker killed with kill -9 mid-file has its file read by the other worker, and the outputs do not change', async () => {
    const victim = await startWorker(redis.url, ['--concurrency', '1', '--lock-timeout', '4']);
    const survivor = await startWorker(redis.url, ['--concurrency', '1', '--lock-timeout', '4']);
    workers.push(victim, survivor);
    const out = path.join(await tempDir('cchc-queue-'), 'out');
    const running = runCli(['run', SAMPLE, '--out', out, '--quiet', '--redis', redis.url]);
    // Once the victim has read a few files, kill it while it holds the next one.
    const queue = new Queue(queueName(), { connection: { url: redis.url } });
    let held: string | null = null;
    try {
      while (held === null) {
        await sleep(100);
        if (victim.read().length < 3) continue;
        const active = await queue.getActive();
        held = active.find((job) => job.processedBy === victim.name)?.data.file ?? null;
      }
      await victim.kill9();
    } finally {
      await queue.close();
    }
    const run = await running;
    expect(run.code, run.stderr).toBe(0);
    expect(survivor.read()).toContain(held);
    expect(victim.read()).not.toContain(held);
    expect(run.stdout).toMatch(/0 đọc tại máy này/u);
    expect(await outputsOf(out)).toEqual(await referenceOutputs());
  }, 600_000);

  it('a file held by a worker killed with kill -9 is reported as waited for, with its lock\'s time left, until another worker takes it', async () => {
    const file = path.join(EVIDENCE, '5.1', 'Quyết định 95-QĐ-STP.pdf');
    const told: Array<StalledFiles | null> = [];
    const reader = await connectQueueReader({ url: redis.url, waitMs: 60_000, info: () => {}, onStalled: (s) => told.push(s) });
    readers.push(reader);
    const victim = await startWorker(redis.url, ['--concurrency', '1', '--lock-timeout', '10']);
    workers.push(victim);
    const answer = reader.read({ file, sha256: await sha256(file), size: 1000, timeoutMs: 60_000, crop: true });
    const queue = new Queue(queueName(), { connection: { url: redis.url } });
    try {
      await expect.poll(async () => (await queue.getJob(jobIdOf(await sha256(file))))?.processedBy, { timeout: 10_000, interval: 20 }).toBe(victim.name);
      await victim.kill9();
    } finally {
      await queue.close();
    }
    // Another worker on the queue: the file goes to it once the dead worker's lock expires.
    const survivor = await startWorker(redis.url, ['--concurrency', '1', '--lock-timeout', '10']);
    workers.push(survivor);
    expect(await answer).toMatchObject({ kind: 'done' });
    expect(survivor.read()).toEqual([file]);
    const waited = told.filter((s) => s !== null);
    expect(waited.length).toBeGreaterThan(0);
    expect(waited.every((s) => s.files === 1 && s.lockLeftMs >= 0 && s.lockLeftMs <= 10_000)).toBe(true);
    // Said over once the survivor holds it (or the file is done).
    await expect.poll(() => told[told.length - 1], { timeout: 5_000 }).toBeNull();
  }, 120_000);

  it('a password in the address that Redis does not need is said once, in Vietnamese and hidden, not in ioredis\'s English per connection', async () => {
    const url = redis.url.replace('redis://', 'redis://:bi-mat@');
    const worker = await startWorker(url, ['--concurrency', '1']);
    workers.push(worker);
    const notes = worker.lines().filter((l) => /mật khẩu|password|\[WARN\]/iu.test(l));
    expect(notes).toEqual([`Lưu ý: Redis tại ${url.replace('bi-mat', '***')} không yêu cầu mật khẩu, nhưng địa chỉ có mật khẩu: kết nối không dùng mật khẩu. Nên đặt mật khẩu cho Redis (requirepass) hoặc bỏ mật khẩu khỏi địa chỉ.`]);
    // The run's side: its connection and the duplicate for the queue's events say it once, through its log.
    const warn = vi.spyOn(console, 'warn');
    const info: string[] = [];
    try {
      const reader = await connectQueueReader({ url, waitMs: 60_000, info: (l) => info.push(l) });
      readers.push(reader);
      expect(await reader.read({ file: path.join(EVIDENCE, '1.2', 'Báo cáo 113-BC-STP.pdf'), sha256: await sha256(path.join(EVIDENCE, '1.2', 'Báo cáo 113-BC-STP.pdf')), size: 1000, timeoutMs: 60_000, crop: true })).toMatchObject({ kind: 'done' });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
    expect(info.filter((l) => l.includes('mật khẩu'))).toHaveLength(1);
  }, 60_000);

  it('a file whose content changed after it was queued is refused: the file is unreadable, saying why', async () => {
    const dir = await tempDir('cchc-queue-file-');
    const file = path.join(dir, 'Kế hoạch 32-KH-STP.pdf');
    await copyFile(path.join(EVIDENCE, '1.1.1', 'Kế hoạch 32-KH-STP.pdf'), file);
    const queued = await sha256(file);
    const reader = (await connectQueueReader({ url: redis.url, waitMs: 60_000, info: () => {} }))!;
    readers.push(reader);
    const answer = reader.read({ file, sha256: queued, size: 1000, timeoutMs: 60_000, crop: true });
    // Changed between the run's hash and a worker taking the job (a unit re-uploading at night).
    await appendFile(file, '\n% sửa lại\n');
    const worker = await startWorker(redis.url, ['--concurrency', '1']);
    workers.push(worker);
    const outcome = await answer;
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect(outcome?.kind === 'failed' && outcome.detail).toMatch(/^nội dung tệp đã thay đổi sau khi đưa vào hàng đợi \(SHA-256 lúc đưa vào [0-9a-f]{12}…, lúc đọc [0-9a-f]{12}…\)/u);
    expect(worker.read()).toEqual([]);
    expect(reader.stats()).toMatchObject({ failed: 1, read: 0 });
  }, 120_000);

  it('the same file queued by two batches at once is read once', async () => {
    const dir = await tempDir('cchc-queue-file-');
    // The same content in two provinces' folders: one job id (SHA-256 + reader version).
    const a = path.join(dir, 'hung-yen', 'Báo cáo 113-BC-STP.pdf');
    const b = path.join(dir, 'lao-cai', 'Báo cáo 113-BC-STP.pdf');
    for (const f of [a, b]) {
      await mkdir(path.dirname(f), { recursive: true });
      await copyFile(path.join(EVIDENCE, '1.2', 'Báo cáo 113-BC-STP.pdf'), f);
    }
    const hash = await sha256(a);
    const first = (await connectQueueReader({ url: redis.url, waitMs: 60_000, info: () => {} }))!;
    const second = (await connectQueueReader({ url: redis.url, waitMs: 60_000, info: () => {} }))!;
    readers.push(first, second);
    const answers = [first.read({ file: a, sha256: hash, size: 1000, timeoutMs: 60_000, crop: true }), second.read({ file: b, sha256: hash, size: 1000, timeoutMs: 60_000, crop: true })];
    const queue = new Queue(queueName(), { connection: { url: redis.url } });
    try {
      await expect.poll(async () => (await queue.getJobCounts('prioritized', 'wait')), { timeout: 10_000 }).toEqual({ prioritized: 1, wait: 0 });
      expect(await queue.getJob(jobIdOf(hash))).toBeDefined();
    } finally {
      await queue.close();
    }
    const worker = await startWorker(redis.url, ['--concurrency', '2']);
    workers.push(worker);
    const [x, y] = await Promise.all(answers);
    expect(x).toMatchObject({ kind: 'done' });
    expect(y).toEqual(x);
    expect(worker.read()).toHaveLength(1);
    expect(first.stats().read + second.stats().read).toBe(2);
  }, 120_000);

  it('a file that kills every worker taking it ends as its unreadable finding (BullMQ stalled-job limit)', async () => {
    const dir = await tempDir('cchc-queue-file-');
    const file = path.join(dir, 'Quyết định 95-QĐ-STP.pdf');
    await copyFile(path.join(EVIDENCE, '5.1', 'Quyết định 95-QĐ-STP.pdf'), file);
    const hash = await sha256(file);
    const reader = (await connectQueueReader({ url: redis.url, waitMs: 60_000, info: () => {} }))!;
    readers.push(reader);
    const answer = reader.read({ file, sha256: hash, size: 1000, timeoutMs: 60_000, crop: true });
    const queue = new Queue(queueName(), { connection: { url: redis.url } });
    let killed = 0;
    try {
      // Each worker that takes the file dies with it (as on a machine the file crashes), until
      // BullMQ fails the job rather than hand it to another worker.
      let settled = false;
      void answer.then(() => (settled = true));
      while (!settled && killed < 5) {
        const worker = await startWorker(redis.url, ['--concurrency', '1', '--lock-timeout', '2']);
        workers.push(worker);
        while (!settled && (await queue.getJob(jobIdOf(hash)))?.processedBy !== worker.name) await sleep(50);
        await sleep(300);
        if (settled || (await queue.getJob(jobIdOf(hash)))?.failedReason) break;
        await worker.kill9();
        killed += 1;
      }
    } finally {
      await queue.close();
    }
    const outcome = await answer;
    expect(killed).toBe(2);
    expect(outcome).toEqual({ kind: 'failed', detail: 'tiến trình đọc PDF dừng đột ngột (máy đọc bị dừng khi đang đọc tệp này 2 lần)', failure: 'crash' });
  }, 240_000);

  it('SIGTERM: a worker finishes the file it is reading and exits 0; asked twice, it gives the file back to the queue at once', async () => {
    const dir = await tempDir('cchc-queue-file-');
    const files = ['a', 'b'].map((name) => path.join(dir, name, 'Quyết định 95-QĐ-STP.pdf'));
    for (const [i, f] of files.entries()) {
      await mkdir(path.dirname(f), { recursive: true });
      // Two contents (two jobs): the same scan, one byte apart at the end of the file.
      await writeFile(f, Buffer.concat([await readFile(path.join(EVIDENCE, '5.1', 'Quyết định 95-QĐ-STP.pdf')), Buffer.from(i === 0 ? '\n' : '\n\n')]));
    }
    const reader = (await connectQueueReader({ url: redis.url, waitMs: 60_000, info: () => {} }))!;
    readers.push(reader);
    const queue = new Queue(queueName(), { connection: { url: redis.url } });
    try {
      const takenBy = async (file: string, worker: WorkerProcess) => {
        const id = jobIdOf(await sha256(file));
        for (;;) {
          const job = await queue.getJob(id);
          if (job?.processedBy === worker.name && (await job.isActive())) return;
          await sleep(50);
        }
      };
      // Once: the file being read is finished, then the worker exits 0.
      const finishing = await startWorker(redis.url, ['--concurrency', '1']);
      workers.push(finishing);
      const first = reader.read({ file: files[0]!, sha256: await sha256(files[0]!), size: 1000, timeoutMs: 60_000, crop: true });
      await takenBy(files[0]!, finishing);
      expect(await finishing.stop()).toBe(0);
      expect(finishing.read()).toEqual([files[0]]);
      expect(await first).toMatchObject({ kind: 'done' });
      // Twice: the file goes back to the queue unread, the worker exits 143, another reads it.
      const releasing = await startWorker(redis.url, ['--concurrency', '1']);
      workers.push(releasing);
      const second = reader.read({ file: files[1]!, sha256: await sha256(files[1]!), size: 1000, timeoutMs: 60_000, crop: true });
      await takenBy(files[1]!, releasing);
      releasing.child.kill('SIGTERM');
      await sleep(100);
      expect(await releasing.stop()).toBe(143);
      expect(releasing.read()).toEqual([]);
      expect(await (await queue.getJob(jobIdOf(await sha256(files[1]!))))!.getState()).toMatch(/^(waiting|prioritized)$/u);
      const next = await startWorker(redis.url, ['--concurrency', '1']);
      workers.push(next);
      expect(await second).toMatchObject({ kind: 'done' });
      expect(next.read()).toEqual([files[1]]);
    } finally {
      await queue.close();
    }
  }, 120_000);

  it('with no worker on the queue the run reads the files itself, as it would without Redis', async () => {
    const files = ['1.1.1/Kế hoạch 32-KH-STP.pdf', '1.2/Báo cáo 113-BC-STP.pdf'].map((f) => path.join(EVIDENCE, f));
    const info: string[] = [];
    const remote = (await connectQueueReader({ url: redis.url, waitMs: 500, info: (l) => info.push(l) }))!;
    readers.push(remote);
    const viaQueue = createEvidenceReader({ cacheDir: await tempDir(), remote, concurrency: 1 });
    const alone = createEvidenceReader({ cacheDir: await tempDir(), concurrency: 1 });
    try {
      const got = await Promise.all(files.map((f) => viaQueue.read(f)));
      const want = await Promise.all(files.map((f) => alone.read(f)));
      expect(got).toEqual(want);
    } finally {
      await viaQueue.close();
      await alone.close();
    }
    expect(remote.stats()).toEqual({ shared: 0, read: 0, failed: 0, local: 2, fallback: 'không có máy đọc nào trên hàng đợi trong 1 giây: 2 tài liệu còn lại được đọc tại máy này' });
    expect(info.join('\n')).toMatch(new RegExp(`Không có máy đọc nào \\(cchc worker, trình đọc ${READER_VERSION.replace(/[+.]/gu, '\\$&')}\\) trên hàng đợi`, 'u'));
  }, 120_000);

  it('a scan OCR\'d by a worker counts its OCR page in the run\'s progress, as when the run reads it itself', async () => {
    const file = path.join(EVIDENCE, '5.1', 'Quyết định 95-QĐ-STP.pdf');
    const pagesOf = async (options: Parameters<typeof createEvidenceReader>[0]) => {
      const pages: number[] = [];
      const reader = createEvidenceReader({ ...options, cacheDir: await tempDir(), concurrency: 1, onEvent: (e) => e.type === 'done' && pages.push(e.ocrPages) });
      try {
        await reader.read(file);
      } finally {
        await reader.close();
      }
      return pages;
    };
    const remote = await connectQueueReader({ url: redis.url, waitMs: 60_000, info: () => {} });
    readers.push(remote);
    workers.push(await startWorker(redis.url, ['--concurrency', '1']));
    expect(await pagesOf({ remote })).toEqual([1]);
    expect(remote.stats()).toMatchObject({ read: 1, local: 0 });
    expect(await pagesOf({})).toEqual([1]);
    // Found already read in the shared results, like a file in the run's cache: nothing OCR'd now.
    expect(await pagesOf({ remote })).toEqual([0]);
    expect(remote.stats()).toMatchObject({ read: 1, shared: 1 });
  }, 120_000);

  it('an unreachable Redis leaves every file to the run itself, saying so in the log and in the stats', async () => {
    const info: string[] = [];
    const remote = await connectQueueReader({ url: 'redis://127.0.0.1:1', info: (l) => info.push(l) });
    readers.push(remote);
    expect(info).toEqual([expect.stringMatching(/^Không kết nối được Redis tại redis:\/\/127\.0\.0\.1:1 \(.+\): đọc mọi tài liệu tại máy này\.$/u)]);
    expect(await remote.read({ file: path.join(EVIDENCE, '1.2', 'Báo cáo 113-BC-STP.pdf'), sha256: '0'.repeat(64), size: 1000, timeoutMs: 60_000, crop: true })).toBeNull();
    expect(remote.stats()).toEqual({ shared: 0, read: 0, failed: 0, local: 1, fallback: expect.stringMatching(/^không kết nối được Redis tại redis:\/\/127\.0\.0\.1:1 \(.+\): mọi tài liệu cần đọc được đọc tại máy này$/u) });
  });

  it('Redis lost during a run: files waiting on the queue are read by the run itself after --redis-wait, not waited for forever', async () => {
    const own = await startRedis();
    const info: string[] = [];
    let remote: QueueReader;
    try {
      remote = await connectQueueReader({ url: own.url, waitMs: 500, info: (l) => info.push(l) });
      readers.push(remote);
    } finally {
      await own.stop();
    }
    const file = path.join(EVIDENCE, '1.2', 'Báo cáo 113-BC-STP.pdf');
    expect(await remote.read({ file, sha256: await sha256(file), size: 1000, timeoutMs: 60_000, crop: true })).toBeNull();
    expect(remote.stats()).toMatchObject({ shared: 0, read: 0, failed: 0, local: 1, fallback: expect.stringMatching(/^mất kết nối Redis tại redis:\/\/127\.0\.0\.1:\d+ \(.+\): 1 tài liệu còn lại được đọc tại máy này$/u) });
    expect(info.join('\n')).toMatch(/Mất kết nối Redis tại redis:\/\/127\.0\.0\.1:\d+ \(.+\) quá 1 giây: đọc 1 tài liệu còn lại tại máy này\./u);
    // Closing does not wait for a reconnection either.
    await remote.close();
  }, 60_000);

  it('a worker whose Redis goes away stops after --redis-timeout with exit code 9', async () => {
    const own = await startRedis();
    let worker: WorkerProcess;
    try {
      worker = await startWorker(own.url, ['--concurrency', '1', '--redis-timeout', '2']);
      workers.push(worker);
    } finally {
      await own.stop();
    }
    // No signal: it ends on its own.
    const code = worker.child.exitCode ?? (await new Promise<number | null>((resolve) => worker.child.once('exit', resolve)));
    expect(code).toBe(9);
    expect(worker.lines().join('\n')).toMatch(/Không kết nối được Redis tại redis:\/\/127\.0\.0\.1:\d+ trong 2 giây \(.+\): máy đọc dừng\..* \(mã thoát 9\)/u);
  }, 60_000);

  it('--path-map: a worker that mounts the batch elsewhere reads the run\'s file there, and still refuses other content', async () => {
    const mounted = await tempDir('cchc-queue-mount-');
    const other = await tempDir('cchc-queue-other-');
    const name = 'Kế hoạch 32-KH-STP.pdf';
    await copyFile(path.join(EVIDENCE, '1.1.1', name), path.join(mounted, name));
    // The folder the worker is told maps there holds another content under the same name.
    await writeFile(path.join(other, name), Buffer.concat([await readFile(path.join(mounted, name)), Buffer.from('\n')]));
    const hash = await sha256(path.join(mounted, name));
    // The run's machine sees the batch under /srv/cchc-dot-1, which does not exist here.
    const runPath = `/srv/cchc-dot-1/units/STP/evidence/1.1.1/${name}`;
    const worker = await startWorker(redis.url, ['--concurrency', '1', '--path-map', `/srv/cchc-dot-1/units/STP/evidence/1.1.1=${mounted}`, '--path-map', `/srv/cchc-dot-2=${other}`]);
    workers.push(worker);
    expect(worker.lines().join('\n')).toContain(`Ánh xạ đường dẫn: tệp /srv/cchc-dot-1/units/STP/evidence/1.1.1/… của lần chạy được đọc tại ${mounted}/… trên máy này.`);
    const reader = await connectQueueReader({ url: redis.url, waitMs: 60_000, info: () => {} });
    readers.push(reader);
    const done = await reader.read({ file: runPath, sha256: hash, size: 1000, timeoutMs: 60_000, crop: true });
    expect(done).toMatchObject({ kind: 'done', reading: { status: 'ok' } });
    expect(worker.read()).toEqual([runPath]);
    expect(worker.lines().join('\n')).toContain(`tại máy đọc: ${path.join(mounted, name)})`);
    const refused = await reader.read({ file: `/srv/cchc-dot-2/${name}`, sha256: '1'.repeat(64), size: 1000, timeoutMs: 60_000, crop: true });
    expect(refused).toMatchObject({ kind: 'failed', detail: expect.stringMatching(/^nội dung tệp đã thay đổi sau khi đưa vào hàng đợi/u) });
    expect(worker.read()).toEqual([runPath]);
  }, 120_000);
});
