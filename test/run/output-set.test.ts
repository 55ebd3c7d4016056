// The output set changes as one: whatever step a run dies at (or runs out of disk at), the folder holds
// the previous set, or, once the next run has settled it, the whole new set; never a mix of the two.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeStageFs, OutputStage, settleOutputs, type StageFs, SWITCH_FILE, switchInProgress } from '../../pipeline/run/output-set.js';
import { tempDir } from '../helpers/temp.js';
import { treeHash } from '../helpers/tree-hash.js';

const OLD = { 'results.json': 'old results', 'changes.json': 'old changes', 'ket-qua.xlsx': 'old workbook', 'bien-ban/a.docx': 'old a', 'bien-ban/gone.docx': 'old gone' };
const NEW = { 'results.json': 'new results', 'changes.json': 'new changes', 'ket-qua.xlsx': 'new workbook', 'bien-ban/a.docx': 'new a', 'bien-ban/b.docx': 'new b' };

async function folderWith(files: Record<string, string>): Promise<string> {
  const out = await tempDir();
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(out, rel)), { recursive: true });
    await writeFile(path.join(out, rel), text);
  }
  return out;
}

/** Every file's content by relative path. */
async function contents(out: string): Promise<Record<string, string>> {
  const all: Record<string, string> = {};
  for (const rel of (await treeHash(out)).keys()) all[rel] = await readFile(path.join(out, rel), 'utf8');
  return all;
}

class Died extends Error {}

/** A file system that dies (as SIGKILL would) after `steps` operations; nothing runs after that. */
function dyingFs(steps: number): StageFs & { dead: boolean } {
  let left = steps;
  const fs = {
    dead: false,
    step<T>(op: () => Promise<T>): Promise<T> {
      if (fs.dead || left-- <= 0) {
        fs.dead = true;
        return Promise.reject(new Died('killed'));
      }
      return op();
    },
    writeFile: (file: string, data: string | Uint8Array) => fs.step(() => nodeStageFs.writeFile(file, data)),
    rename: (from: string, to: string) => fs.step(() => nodeStageFs.rename(from, to)),
    unlink: (file: string) => fs.step(() => nodeStageFs.unlink(file)),
    place: (from: string, to: string) => fs.step(() => nodeStageFs.place(from, to)),
  };
  return fs;
}

/** Stage NEW over OLD through `fs` and switch, results and changes last. */
async function switchSet(out: string, fs: StageFs): Promise<void> {
  const stage = await OutputStage.begin(out, fs);
  for (const [rel, text] of Object.entries(NEW)) await stage.write(rel, text);
  stage.remove('bien-ban/gone.docx');
  await stage.commit(['changes.json', 'results.json']);
}

// 5 staged writes, then 5 moves, 1 removal and the plan's own removal.
const STEPS = 5 + 5 + 1 + 1;

describe('switching the output set', () => {
  it('an uninterrupted switch leaves exactly the new set, no staging folder and no plan', async () => {
    const out = await folderWith(OLD);
    await switchSet(out, nodeStageFs);
    expect(await contents(out)).toEqual(NEW);
    expect(await readdir(out)).not.toContain(SWITCH_FILE);
  });

  for (let steps = 0; steps < STEPS; steps++) {
    it(`killed after ${steps} of ${STEPS} file operations: the old set until the plan exists, then the new set once settled`, async () => {
      const out = await folderWith(OLD);
      const fs = dyingFs(steps);
      await expect(switchSet(out, fs)).rejects.toBeInstanceOf(Died);
      const committed = existsSync(path.join(out, SWITCH_FILE));
      // Before the commit point nothing of the old set has changed.
      if (!committed) expect(Object.fromEntries(Object.entries(await contents(out)).filter(([rel]) => !rel.startsWith('.cchc-staging-')))).toEqual(OLD);
      // The next run settles the folder before anything else.
      expect(await settleOutputs(out)).toBe(committed ? 'finished' : 'discarded');
      expect(await contents(out)).toEqual(committed ? NEW : OLD);
    });
  }

  it('killed between two renames, the plan names the staged set and a second settle changes nothing', async () => {
    const out = await folderWith(OLD);
    await expect(switchSet(out, dyingFs(5 + 2))).rejects.toBeInstanceOf(Died);
    expect(await settleOutputs(out)).toBe('finished');
    const once = await treeHash(out);
    expect(await settleOutputs(out)).toBe('clean');
    expect(await treeHash(out)).toEqual(once);
  });

  it('a signal handler can wait for a switch under way: once it resolves, the folder is the whole new set', async () => {
    const out = await folderWith(OLD);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let renames = 0;
    const slow: StageFs = { ...nodeStageFs, rename: async (from, to) => {
      if (++renames === 2) await gate;
      await nodeStageFs.rename(from, to);
    } };
    const switched = switchSet(out, slow);
    while (renames < 2) await new Promise((r) => setTimeout(r, 5));
    let waited = false;
    const waiting = switchInProgress().then(() => (waited = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(waited).toBe(false);
    release();
    await waiting;
    expect(await contents(out)).toEqual(NEW);
    await switched;
  });

  it('a folder that refuses a rename during the switch (EPERM, chattr +i): the stage says it is committed, and the next settle finishes the new set', async () => {
    const out = await folderWith(OLD);
    let refuse = true;
    const stubborn: StageFs = {
      ...nodeStageFs,
      rename: async (from, to) => {
        if (refuse && to.includes(`${path.sep}bien-ban${path.sep}`)) throw Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM', syscall: 'rename' });
        await nodeStageFs.rename(from, to);
      },
    };
    const stage = await OutputStage.begin(out, stubborn);
    for (const [rel, text] of Object.entries(NEW)) await stage.write(rel, text);
    stage.remove('bien-ban/gone.docx');
    await expect(stage.commit(['changes.json', 'results.json'])).rejects.toThrow(/EPERM/u);
    expect(stage.committed).toBe(true);
    // What was switched before the refusal, so the run can say whether the folder is still the old set.
    expect(stage.switched).toEqual(['ket-qua.xlsx']);
    expect(existsSync(path.join(out, SWITCH_FILE))).toBe(true);
    refuse = false;
    expect(await settleOutputs(out, stubborn)).toBe('finished');
    expect(await contents(out)).toEqual(NEW);
  });

  it('a full disk while staging (ENOSPC) leaves the previous set whole and no staging folder', async () => {
    const out = await folderWith(OLD);
    let written = 0;
    const full: StageFs = {
      ...nodeStageFs,
      writeFile: async (file, data) => {
        if (++written === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
        await nodeStageFs.writeFile(file, data);
      },
    };
    const stage = await OutputStage.begin(out, full);
    await expect((async () => {
      for (const [rel, text] of Object.entries(NEW)) await stage.write(rel, text);
    })()).rejects.toThrow(/ENOSPC/u);
    await stage.abandon();
    expect(await contents(out)).toEqual(OLD);
  });
});
