// A redis-server of the test's own on a free loopback port (Debian's `redis-server`, which `.ci/run`
// installs), and `cchc worker` processes started and stopped as an operator would.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';

/** The redis-server binary, or null when it is not installed. */
export function redisServerBinary(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  return found.status === 0 && bin ? bin : null;
}

/**
 * Whether the Redis tests run: with redis-server installed, always; without it they are skipped with
 * a message, except under CI (CI=true), where a missing redis-server is a failure.
 */
export function redisAvailable(): boolean {
  if (redisServerBinary()) return true;
  if (process.env.CI === 'true') {
    throw new Error('redis-server không có: CI cần gói Debian redis-server (".ci/run" cài bằng apt-get install -y redis-server)');
  }
  process.stderr.write('Bỏ qua kiểm thử hàng đợi Redis: máy này không có redis-server (apt-get install -y redis-server).\n');
  return false;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

/** Start `redis-server --port P --save '' --appendonly no` on loopback; resolves once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
  const bin = redisServerBinary();
  if (!bin) throw new Error('redis-server không có');
  const port = await freePort();
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString('utf8');
      if (/Ready to accept connections/u.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server dừng (mã ${code}): ${output}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}

export interface WorkerProcess {
  pid: number;
  /** The worker's name on the jobs it takes (BullMQ's `processedBy`). */
  name: string;
  /** Every line it printed so far. */
  lines(): string[];
  /** Files it read (its "đã đọc <file> (…)" lines). */
  read(): string[];
  child: ChildProcess;
  /** SIGTERM, then wait for it to exit; returns the exit code. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

/** `cchc worker --redis URL …`; resolves once it waits for jobs. */
export async function startWorker(url: string, args: string[] = []): Promise<WorkerProcess> {
  const cli = path.resolve('dist/pipeline/cli.js');
  const child = spawn(process.execPath, [cli, 'worker', '--redis', url, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stderr!.on('data', (d: Buffer) => (text += d.toString('utf8')));
  child.stdout!.on('data', (d: Buffer) => (text += d.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (/đang chờ tài liệu/u.test(text)) {
        clearInterval(poll);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`cchc worker dừng (mã ${code}): ${text}`));
    });
  });
  const lines = () => text.split('\n').filter(Boolean);
  const exited = once(child, 'exit');
  return {
    pid: child.pid!,
    name: /Máy đọc (\S+) đang chờ/u.exec(text)![1]!,
    lines,
    read: () => lines().flatMap((l) => /đã đọc (.+) \((?:đọc được|không đọc được), /u.exec(l)?.[1] ?? []),
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
