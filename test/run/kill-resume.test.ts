// A run killed at any moment (SIGKILL) and started again produces outputs identical to an uninterrupted run.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * Every output but the log (it records the kill), the cache (an implementation detail), the
 * first-seen history (it records when each run saw each file: the clock, by design) and the kept
 * record (the stat of each output as this run left it, for the next night).
 */
async function outputs(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full);
      if (rel === 'cchc.log' || rel === '.cchc-kept.json' || rel === '.cache' || rel.startsWith('.cache/') || rel === '.history' || rel.startsWith('.history/')) continue;
      if (e.isDirectory()) await walk(full);
      else out.set(rel, createHash('sha256').update(await readFile(full)).digest('hex'));
    }
  };
  await walk(dir);
  return out;
}

/** Start a run and SIGKILL it as soon as `when` says so; resolves once it is dead. */
function runAndKill(batch: string, out: string, when: () => Promise<boolean>): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('dist/pipeline/cli.js'), 'run', batch, '--out', out, '--quiet']);
    let exited = false;
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      exited = true;
      resolve({ killed: signal === 'SIGKILL' });
    });
    const poll = async () => {
      if (exited) return;
      if (await when().catch(() => false)) child.kill('SIGKILL');
      else setTimeout(poll, 5);
    };
    void poll();
  });
}

/** Files the run has read itself so far (not taken from the cache), by its log. */
const countReads = async (out: string) =>
  existsSync(path.join(out, 'cchc.log'))
    ? (await readFile(path.join(out, 'cchc.log'), 'utf8')).split('\n').filter((l) => l.includes(' Đã đọc ') && !l.includes('bộ nhớ đệm')).length
    : 0;

/**
 * Start `out` with the reference run's cache, as a previous night would have left it, less the
 * readings of `unread` files: the run reads only those itself. Reading the whole sample cold (OCR
 * of its scans) takes minutes on a loaded machine and is not what these tests are about.
 */
async function seedCache(out: string, unread: number): Promise<void> {
  const cache = path.join(out, '.cache');
  await cp(path.join(dir, 'reference', '.cache'), cache, { recursive: true });
  const readings: string[] = [];
  for (const e of await readdir(cache, { withFileTypes: true })) {
    if (e.isDirectory() && /^[0-9a-f]{2}$/u.test(e.name)) {
      for (const f of await readdir(path.join(cache, e.name))) if (f.endsWith('.json')) readings.push(path.join(cache, e.name, f));
    }
  }
  readings.sort();
  expect(readings.length).toBeGreaterThan(unread);
  for (const file of readings.slice(0, unread)) await rm(file);
}

let dir: string;
let batch: string;
let reference: Map<string, string>;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-kill-'));
  batch = path.join(dir, 'batch');
  await cp('fixtures/sample-batch', batch, { recursive: true });
  const ref = path.join(dir, 'reference');
  const r = await runCli(['run', batch, '--out', ref, '--quiet']);
  expect(r.code).toBe(0);
  reference = await outputs(ref);
}, 600_000);

describe('kill and resume', () => {
  it('killed while reading evidence, then run again: the same outputs as an uninterrupted run', async () => {
    // Beside the reference: the audit pages link the PDFs relative to the output folder.
    const out = path.join(dir, 'killed-reading');
    await seedCache(out, 24);
    const { killed } = await runAndKill(batch, out, async () => (await countReads(out)) >= 8);
    expect(killed).toBe(true);
    expect(existsSync(path.join(out, 'results.json'))).toBe(false);
    const resumed = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await readFile(path.join(out, 'cchc.log'), 'utf8')).toContain('Tiếp quản khóa cũ');
    expect(await outputs(out)).toEqual(reference);
    // Two runs of the sample batch, 24 of its PDFs read cold: long on a loaded machine.
  }, 300_000);

  it('killed while writing the documents, then run again: the same outputs, no half-written file', async () => {
    const out = path.join(dir, 'killed-writing');
    await seedCache(out, 0);
    // The documents are rendered into a staging folder first; kill as soon as one minutes file is there.
    const staged = async () => {
      for (const name of existsSync(out) ? await readdir(out) : []) {
        const minutes = path.join(out, name, 'bien-ban');
        if (name.startsWith('.cchc-staging-') && existsSync(minutes) && (await readdir(minutes)).some((f) => f.endsWith('.docx'))) return true;
      }
      return false;
    };
    const { killed } = await runAndKill(batch, out, staged);
    expect(killed).toBe(true);
    // Nothing of a new set reached the output folder: it is still the (empty) previous set.
    expect(existsSync(path.join(out, 'bien-ban'))).toBe(false);
    expect(existsSync(path.join(out, 'results.json'))).toBe(false);
    const resumed = await runCli(['run', batch, '--out', out, '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await outputs(out)).toEqual(reference);
    // Two runs of the sample batch (every reading cached): rendering 8 minutes, the decision and the audit twice.
  }, 300_000);
});
