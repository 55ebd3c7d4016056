// Reading evidence through Redis (BullMQ) against reading it on one machine, on the sample batch:
// a cold local run, then cold runs whose files are read by 1 and 2 local `cchc worker`s (and one
// worker reading two files at once, the local run's parallelism); wall time and CPU seconds of every
// process involved (run and its readers, workers and theirs, redis-server). Then the queue's own
// cost per file, on trivial files (one small text-layer PDF saved N times with another title): read
// locally in one process, through the queue by one worker in one process, and found in the shared
// results by a run elsewhere.
//
//   npm run bench:queue [-- --files 300] [--per-file]
// Needs Debian's redis-server. Started on a free loopback port and stopped at the end.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { createEvidenceReader } from '../pipeline/evidence/reader.js';
import { connectQueueReader } from '../pipeline/queue/queue-reader.js';
import { measureChild } from './lib/process-tree.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'pipeline', 'cli.js');
const SAMPLE = path.join(ROOT, 'fixtures', 'sample-batch');
const TRIVIAL = path.join(SAMPLE, 'units/STP/evidence/1.1.1/Kế hoạch 32-KH-STP.pdf');

/** CPU seconds (utime, stime and reaped children's) of one process from /proc/<pid>/stat, and its parent. */
function statOf(pid: number | 'self'): { cpu: number; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { cpu: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100, ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

/**
 * CPU seconds of a process tree so far: the root and every live descendant, each with its reaped
 * children (reader processes recycled or ended are counted once reaped by their parent).
 */
function treeCpu(root: number | 'self'): number {
  const rootPid = root === 'self' ? process.pid : root;
  const procs = new Map<number, { cpu: number; ppid: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    const s = statOf(Number(entry));
    if (s) procs.set(Number(entry), s);
  }
  let total = 0;
  for (const [pid, s] of procs) {
    for (let p: number | undefined = pid; p; p = procs.get(p)?.ppid) {
      if (p === rootPid) {
        total += s.cpu;
        break;
      }
    }
  }
  return total;
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

interface Proc {
  child: ChildProcess;
  /** CPU seconds so far (process and reaped children). */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

async function startRedis(): Promise<{ url: string; proc: Proc }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString('utf8');
      if (text.includes('Ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', () => reject(new Error(`redis-server stopped: ${text}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, proc: procOf(child) };
}

function procOf(child: ChildProcess): Proc {
  return {
    child,
    cpu: async () => treeCpu(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function startWorker(url: string, concurrency: number): Promise<Proc> {
  const child = spawn(process.execPath, [CLI, 'worker', '--redis', url, '--concurrency', String(concurrency)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString('utf8');
      if (text.includes('đang chờ tài liệu')) resolve();
    });
    child.once('exit', () => reject(new Error(`cchc worker stopped: ${text}`)));
  });
  return procOf(child);
}

interface Figure {
  label: string;
  wallS: number;
  runCpuS: number;
  workersCpuS: number;
  redisCpuS: number;
}

/** One cold run of the sample batch, its files read by `workers` workers (none: locally). */
async function coldRun(label: string, workers: number[], dir: string): Promise<Figure> {
  const out = path.join(dir, `out-${label.replace(/\W+/gu, '-')}`);
  if (workers.length === 0) {
    const m = await measureChild([CLI, 'run', SAMPLE, '--out', out, '--quiet']);
    if (m.code !== 0) throw new Error(`cchc run exited with ${m.code}`);
    return { label, wallS: m.wallS, runCpuS: m.cpuS, workersCpuS: 0, redisCpuS: 0 };
  }
  const redis = await startRedis();
  const procs = await Promise.all(workers.map((c) => startWorker(redis.url, c)));
  // Workers' start (loading the reader) is not part of a run: they wait for jobs all night.
  const idle = await Promise.all(procs.map((p) => p.cpu()));
  const redisIdle = await redis.proc.cpu();
  const m = await measureChild([CLI, 'run', SAMPLE, '--out', out, '--quiet', '--redis', redis.url]);
  if (m.code !== 0) throw new Error(`cchc run exited with ${m.code}`);
  if (!/0 đọc tại máy này/u.test(m.stdout)) throw new Error(`some files were read by the run itself:\n${m.stdout}`);
  const redisBusy = await redis.proc.cpu();
  // The workers' whole trees, their reader processes included, before they stop.
  const total = await Promise.all(procs.map((p) => p.cpu()));
  await Promise.all(procs.map((p) => p.stop()));
  await redis.proc.stop();
  return {
    label, wallS: m.wallS, runCpuS: m.cpuS,
    workersCpuS: total.reduce((s, c, i) => s + c - idle[i]!, 0),
    redisCpuS: redisBusy - redisIdle,
  };
}

/** The queue's own cost per file on trivial files. */
async function perFile(n: number, dir: string): Promise<string[]> {
  const files: string[] = [];
  const source = await readFile(TRIVIAL);
  await mkdir(path.join(dir, 'trivial'), { recursive: true });
  for (let i = 0; i < n; i++) {
    const doc = await PDFDocument.load(source);
    doc.setTitle(`bench ${i}`);
    const file = path.join(dir, 'trivial', `tep-${i}.pdf`);
    await writeFile(file, await doc.save());
    files.push(file);
  }
  // This process, its live reader processes and those it reaped (close() ends them).
  const cpuNow = () => treeCpu('self');
  // The workers and redis-server are this process's children too: their CPU is taken out of the run's.
  const others: Proc[] = [];
  const othersCpu = async () => (await Promise.all(others.map((p) => p.cpu()))).reduce((a, b) => a + b, 0);
  const readAll = async (remote?: Awaited<ReturnType<typeof connectQueueReader>>) => {
    const reader = createEvidenceReader({ cacheDir: await mkdtemp(path.join(dir, 'cache-')), concurrency: 1, crops: true, ...(remote ? { remote } : {}) });
    const started = performance.now();
    const cpu = cpuNow() - (await othersCpu());
    await Promise.all(files.map((f) => reader.read(f)));
    const wallS = (performance.now() - started) / 1000;
    await reader.close();
    return { wallS, cpuS: cpuNow() - (await othersCpu()) - cpu };
  };
  // Locally: one reader process.
  const local = await readAll();
  // Through the queue: one worker, one reader process.
  const redis = await startRedis();
  const worker = await startWorker(redis.url, 1);
  others.push(redis.proc, worker);
  const idle = await worker.cpu();
  const redisIdle = await redis.proc.cpu();
  const remote = (await connectQueueReader({ url: redis.url, info: (l) => process.stderr.write(`${l}\n`) }))!;
  const queued = await readAll(remote);
  const workerCpu = (await worker.cpu()) - idle;
  const redisCpu = (await redis.proc.cpu()) - redisIdle;
  // A run elsewhere: every reading is in the shared results.
  const shared = await readAll(remote);
  const stats = remote.stats();
  await remote.close();
  await worker.stop();
  await redis.proc.stop();
  if (stats.read !== n || stats.shared !== n) throw new Error(`unexpected queue stats ${JSON.stringify(stats)}`);
  const ms = (s: number) => `${((s * 1000) / n).toFixed(1)} ms/file`;
  const queuedCpu = queued.cpuS + workerCpu + redisCpu;
  return [
    `Per file, ${n} trivial files (one text-layer PDF, distinct titles), audit crops on, one reader process; CPU of every process involved`,
    `  read locally                         wall ${ms(local.wallS)}   CPU ${ms(local.cpuS)} (run and its reader process)`,
    `  read by one worker through Redis     wall ${ms(queued.wallS)}   CPU ${ms(queuedCpu)} (run ${ms(queued.cpuS)}, worker and its reader ${ms(workerCpu)}, redis-server ${ms(redisCpu)})`,
    `  queue overhead                       wall ${ms(queued.wallS - local.wallS)}   CPU ${ms(queuedCpu - local.cpuS)}`,
    `  found in the shared results          wall ${ms(shared.wallS)}   CPU ${ms(shared.cpuS)} (run)`,
  ];
}

async function main(): Promise<void> {
  const n = Number(process.argv[process.argv.indexOf('--files') + 1] || 300) || 300;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-bench-queue-'));
  try {
    const figures: Figure[] = [];
    // --per-file: only the queue's cost per file.
    if (!process.argv.includes('--per-file')) {
      figures.push(await coldRun('local run (2 reader processes)', [], dir));
      figures.push(await coldRun('1 worker x 1 reader process', [1], dir));
      figures.push(await coldRun('2 workers x 1 reader process', [1, 1], dir));
      figures.push(await coldRun('1 worker x 2 reader processes', [2], dir));
    }
    const lines = figures.length === 0 ? [] : [
      `Sample batch (188 files), cold, ${os.availableParallelism()} cores; load average at start ${os.loadavg()[0]!.toFixed(1)}`,
      '  how read                             wall      CPU: run   workers   redis    total',
      ...figures.map((f) => `  ${f.label.padEnd(36)} ${f.wallS.toFixed(1).padStart(6)} s ${f.runCpuS.toFixed(1).padStart(8)} s ${f.workersCpuS.toFixed(1).padStart(7)} s ${f.redisCpuS.toFixed(2).padStart(6)} s ${(f.runCpuS + f.workersCpuS + f.redisCpuS).toFixed(1).padStart(6)} s`),
      '',
    ];
    lines.push(...(await perFile(n, dir)));
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
