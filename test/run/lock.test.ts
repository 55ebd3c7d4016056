import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LOCK_FILE, processIdentity } from '../../pipeline/run/lock.js';
import { CchcError, ExitCode } from '../../pipeline/util/errors.js';
import { tempDir } from '../helpers/temp.js';

/** The PID of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('the output folder lock', () => {
  it('is taken, recorded with PID and host, and released', async () => {
    const out = await tempDir();
    const lock = await acquireLock(out, '/batch');
    const owner = JSON.parse(await readFile(path.join(out, LOCK_FILE), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: os.hostname(), batch: '/batch' });
    expect(lock.tookOverFrom).toBeNull();
    await lock.release();
    const again = await acquireLock(out, '/batch');
    await again.release();
  });

  it('stops a second run while the first is alive (exit 6), naming the owner', async () => {
    const out = await tempDir();
    const live = { pid: process.ppid, host: os.hostname(), startedAt: '2026-11-20T22:00:00.000Z', batch: '/batch' };
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify(live));
    const error = await acquireLock(out, '/batch').then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(CchcError);
    expect((error as CchcError).exitCode).toBe(ExitCode.Locked);
    expect((error as CchcError).message).toContain(`tiến trình ${process.ppid}`);
  });

  it('takes over a stale lock left by a process that no longer exists', async () => {
    const out = await tempDir();
    const stale = { pid: deadPid(), host: os.hostname(), startedAt: '2026-11-20T22:00:00.000Z', batch: '/batch' };
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify(stale));
    const lock = await acquireLock(out, '/batch');
    expect(lock.tookOverFrom).toEqual(stale);
    expect(JSON.parse(await readFile(path.join(out, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over a garbled lock file', async () => {
    const out = await tempDir();
    await writeFile(path.join(out, LOCK_FILE), 'not json');
    const lock = await acquireLock(out, '/batch');
    expect(lock.tookOverFrom).toBeNull();
    await lock.release();
  });

  it('presumes a lock from another host alive', async () => {
    const out = await tempDir();
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify({ pid: 1, host: 'may-chu-khac', startedAt: '', batch: '/b' }));
    await expect(acquireLock(out, '/batch')).rejects.toThrow(/trên máy may-chu-khac/u);
  });

  it('lets only one of several simultaneous newcomers take over a stale lock', async () => {
    const out = await tempDir();
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: os.hostname(), startedAt: 'x', batch: '/b' }));
    // Same process, so each attempt sees the others' locks as alive: exactly one wins.
    const attempts = await Promise.allSettled([1, 2, 3, 4].map(() => acquireLock(out, '/batch')));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const a of attempts) if (a.status === 'rejected') expect((a.reason as CchcError).exitCode).toBe(ExitCode.Locked);
  });

  it.runIf(processIdentity(process.pid))('records which process holds the PID (boot and start time from /proc)', async () => {
    const out = await tempDir();
    const lock = await acquireLock(out, '/batch');
    const owner = JSON.parse(await readFile(path.join(out, LOCK_FILE), 'utf8'));
    expect(owner.process).toBe(processIdentity(process.pid));
    expect(owner.process).toMatch(/^[0-9a-f-]+:\d+$/u);
    await lock.release();
  });

  it.runIf(processIdentity(process.ppid))('takes over a lock whose PID now belongs to an unrelated live process (after a reboot)', async () => {
    const out = await tempDir();
    const reused = { pid: process.ppid, host: os.hostname(), startedAt: '2026-11-20T22:00:00.000Z', batch: '/batch', process: 'khoi-dong-truoc:123' };
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify(reused));
    const lock = await acquireLock(out, '/batch');
    expect(lock.tookOverFrom).toEqual(reused);
    await lock.release();
  });

  it.runIf(processIdentity(process.ppid))('still stops a second run when the PID is the very process recorded', async () => {
    const out = await tempDir();
    const live = { pid: process.ppid, host: os.hostname(), startedAt: '2026-11-20T22:00:00.000Z', batch: '/batch', process: processIdentity(process.ppid) };
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify(live));
    await expect(acquireLock(out, '/batch')).rejects.toThrow(/tiến trình/u);
  });
});
