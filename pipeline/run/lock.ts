// One run at a time per output folder: a lock file holding the owner's PID and host.
// A lock left by a process that no longer exists (killed, crashed) is detected and taken over.
import { readFile, open, unlink, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CchcError, ExitCode } from '../util/errors.js';

export const LOCK_FILE = '.cchc.lock';

export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
  batch: string;
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
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), batch: batchDir };
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
    throw new CchcError(`Không tạo được tệp khóa ${file}: ${(error as Error).message}`, ExitCode.Output);
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
    return { pid: value.pid, host: value.host, startedAt: String(value.startedAt ?? ''), batch: String(value.batch ?? '') };
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

/** Only a process on this host can be checked; a lock from another host is presumed alive. */
export function isAlive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sameOwner(a: LockOwner | null, b: LockOwner | null): boolean {
  if (a === null || b === null) return a === b;
  return a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt;
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
