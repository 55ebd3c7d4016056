// File-system edges: atomic writes and content hashes.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** A temp file name beside `target` (`.<name>.<pid>.<8 hex>.tmp`, the form removeDeadTemps knows). */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Write `data` to `file` and flush it to disk before returning, so a later rename or link publishes
 * whole bytes. `flags` as for fs.open (`wx`: fail when the file exists).
 */
export async function writeFlushed(file: string, data: string | Uint8Array, flags: 'w' | 'wx' = 'w'): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * `mkdir -p` for a folder a person named (`--out`): creates the missing folders one level at a time.
 * Node's `mkdir(…, { recursive: true })` never returns under pseudo file systems such as `/proc`
 * (it retries ENOENT forever); one level at a time fails there with ENOENT like anywhere else.
 * Errors: the fs error of the first level that cannot be created (ENOENT, EACCES, ENOTDIR, EROFS).
 */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (info) break;
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing.reverse()) {
    await mkdir(level).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/**
 * Write a file so that readers only ever see the old or the new content:
 * write a temp file beside it, flush it to disk, then rename over the target.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await makeDirectory(path.dirname(target));
  const temp = tempPathFor(target);
  try {
    await writeFlushed(temp, data);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** SHA-256 of bytes in memory, as lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Forward slashes, for paths shown to people and written to JSON. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A temp file of writeFileAtomic: `.<name>.<pid>.<8 hex>.tmp`. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/u;

/**
 * Remove the temp files writeFileAtomic left in `dir` and its subfolders (to `depth` levels) when
 * their writer is gone: a process that no longer exists, or a file older than `maxAgeMs` (a PID
 * reused since). A live writer's temp file (another run sharing a cache) is left alone.
 * Returns how many were removed.
 */
export async function removeDeadTemps(dir: string, depth = 2, maxAgeMs = 24 * 3600 * 1000): Promise<number> {
  let removed = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) {
      removed += await removeDeadTemps(full, depth - 1, maxAgeMs);
      continue;
    }
    const match = TEMP_NAME.exec(entry.name);
    if (!match || !entry.isFile()) continue;
    const old = await stat(full).then((s) => Date.now() - s.mtimeMs > maxAgeMs, () => false);
    if (old || !processExists(Number(match[1]))) {
      await rm(full, { force: true });
      removed++;
    }
  }
  return removed;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
