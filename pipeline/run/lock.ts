// One run at a time per output folder: a lock file holding the owner's PID, host and process start.
// A lock left by a process that no longer exists (killed, crashed), or whose PID now belongs to
// another process (after a reboot), is detected and taken over.
import { readFileSync } from 'node:fs';
import { readFile, open, unlink, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CchcError, ExitCode } from '../util/errors.js';
import { describeFsError } from '../util/fs-errors.js';

export const LOCK_FILE = '.cchc.lock';

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  batch: string;
  /**
   * Which process holds the PID: `<boot id>:<start time in clock ticks since boot>` from
   * /proc/sys/kernel/random/boot_id and field 22 of /proc/<pid>/stat (Linux); absent elsewhere.
   */
  process?: string;
}

export interface Lock {
  file: string;
  /** The stale owner this lock was taken over from, if any. */
  tookOverFrom: LockOwner | null;
  release(): Promise<void>;
}

/** A takeover mutex older than this is itself abandoned. */
const TAKEOVER_STALE_MS = 30_000;

export async function acquireLock(outDir: string, batchDir: string): Promise<Lock> {
  const file = path.join(outDir, LOCK_FILE);
  const identity = processIdentity(process.pid);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), batch: batchDir, ...(identity ? { process: identity } : {}) };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await createExclusive(file, me)) return held(file, null);
    const owner = await readOwner(file);
    if (owner === undefined) continue; // removed meanwhile: try again
    if (owner && isAlive(owner)) {
      throw new CchcError(
        `Một lần chạy khác đang dùng thư mục kết quả ${outDir} (tiến trình ${owner.pid} trên máy ${owner.host}, bắt đầu ${owner.startedAt}, đợt ${owner.batch}). ` +
          `Hãy chờ lần chạy đó kết thúc; nếu chắc chắn tiến trình đó không còn, xóa tệp ${file}.`,
        ExitCode.Locked,
      );
    }
    // Stale: take it over under a short-lived mutex so two newcomers cannot both do it.
    const mutex = `${file}.takeover`;
    if (!(await createExclusive(mutex, me))) {
      await removeIfOlderThan(mutex, TAKEOVER_STALE_MS);
      await sleep(50 + attempt * 10);
      continue;
    }
    try {
      const again = await readOwner(file);
      if (again !== undefined && sameOwner(again, owner)) await unlink(file).catch(() => {});
      if (await createExclusive(file, me)) return held(file, owner);
    } finally {
      await unlink(mutex).catch(() => {});
    }
  }
  throw new CchcError(`Không lấy được khóa ${file}: có nhiều lần chạy cùng lúc.`, ExitCode.Locked);
}

function held(file: string, tookOverFrom: LockOwner | null): Lock {
  let released = false;
  return {
    file,
    tookOverFrom,
    async release() {
      if (released) return;
      released = true;
      const owner = await readOwner(file);
      if (owner && owner.pid === process.pid && owner.host === os.hostname()) await unlink(file).catch(() => {});
    },
  };
}

async function createExclusive(file: string, owner: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new CchcError(`Không tạo được tệp khóa ${file} (${describeFsError(error, 'write')}).`, ExitCode.Output);
  }
  try {
    await handle.writeFile(`${JSON.stringify(owner)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** The lock's owner; null when the file is unreadable or garbled (treated as stale); undefined when gone. */
async function readOwner(file: string): Promise<LockOwner | null | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return null;
    return {
      pid: value.pid, host: value.host, startedAt: String(value.startedAt ?? ''), batch: String(value.batch ?? ''),
      ...(typeof value.process === 'string' ? { process: value.process } : {}),
    };
  } catch {
    // A lock being written this instant reads empty; give its writer a moment before calling it garbled.
    await sleep(100);
    try {
      const value = JSON.parse(await readFile(file, 'utf8')) as LockOwner;
      return typeof value.pid === 'number' ? value : null;
    } catch {
      return null;
    }
  }
}

/**
 * Only a process on this host can be checked; a lock from another host is presumed alive. A live
 * PID is the owner only if it is the same process (same boot, same start time) as recorded.
 */
export function isAlive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  let exists: boolean;
  try {
    process.kill(owner.pid, 0);
    exists = true;
  } catch (error) {
    exists = (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (!exists) return false;
  const now = owner.process ? processIdentity(owner.pid) : null;
  return now === null || now === owner.process;
}

/** `<boot id>:<start time>` of a live process (see LockOwner.process), or null where /proc cannot tell. */
export function processIdentity(pid: number): string | null {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    return boot && start ? `${boot}:${start}` : null;
  } catch {
    return null;
  }
}

function sameOwner(a: LockOwner | null, b: LockOwner | null): boolean {
  if (a === null || b === null) return a === b;
  return a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt && a.process === b.process;
}

async function removeIfOlderThan(file: string, ms: number): Promise<void> {
  try {
    const info = await stat(file);
    if (Date.now() - info.mtimeMs > ms) await unlink(file);
  } catch {
    // gone already
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
