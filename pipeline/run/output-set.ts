// The output set changes as one. A run renders every new output into a staging folder inside the
// output folder, then writes a switch plan (the commit point) and moves the staged files into place,
// results.json last, then removes the plan. A run killed before the plan exists leaves the previous
// outputs untouched (the next run discards the staging folder); a run killed after it is finished by
// the next run before anything else (the plan is replayed: moves are idempotent). A full disk fails
// while staging, before the plan, so the previous set stays whole. An output a person edited in place
// is renamed aside at the switch, first (setAside), never overwritten.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, writeFlushed } from '../util/files.js';

/** Staging folders are named `.cchc-staging-<id>`; never an output's name. */
export const STAGING_PREFIX = '.cchc-staging-';
/** The switch plan: present only between the commit point and the end of the switch. */
export const SWITCH_FILE = '.cchc-switch.json';

interface SwitchPlan {
  version: 1;
  /** Staging folder name, relative to the output folder. */
  staging: string;
  /** Output paths (relative, `/`) moved from staging into place, in this order (results last). */
  moves: string[];
  /** Output paths of the previous set that the new set no longer has. */
  removes: string[];
  /**
   * Outputs a person edited in place, renamed (`from` → `to`, both relative) before any move so
   * that the new draft never replaces them. Absent in plans of earlier versions.
   */
  setAside?: Array<{ from: string; to: string }>;
}

/** The file operations of a switch; injectable so that tests can die or run out of space at any step. */
export interface StageFs {
  writeFile(file: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  /** Put a copy of `from` (a file outside the output set, e.g. a cached crop) at `to`: a hard link, else a copy. */
  place(from: string, to: string): Promise<void>;
}

export const nodeStageFs: StageFs = {
  writeFile: (file, data) => writeFlushed(file, data),
  rename: (from, to) => rename(from, to),
  unlink: (file) => unlink(file),
  place: (from, to) => link(from, to).catch(() => copyFile(from, to)),
};

/** A set of outputs being rendered; nothing in the output folder changes until `commit()`. */
export class OutputStage {
  readonly #moves: string[] = [];
  readonly #removes = new Set<string>();
  readonly #setAside: Array<{ from: string; to: string }> = [];

  private constructor(
    readonly out: string,
    readonly staging: string,
    private readonly fs: StageFs,
  ) {}

  /** Start staging in `out` (which exists and whose lock the caller holds). */
  static async begin(out: string, fs: StageFs = nodeStageFs): Promise<OutputStage> {
    const staging = `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
    await mkdir(path.join(out, staging), { recursive: true });
    return new OutputStage(out, staging, fs);
  }

  /** Stage the new content of output `rel` (relative to the output folder, `/`-separated). */
  async write(rel: string, data: string | Uint8Array): Promise<void> {
    const file = path.join(this.out, this.staging, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await this.fs.writeFile(file, data);
    this.#moves.push(rel);
  }

  /**
   * Stage output `rel` as a copy of an existing file outside the set (a crop kept in the cache):
   * hard-linked when it can be, so nothing is copied or rendered.
   */
  async place(rel: string, source: string): Promise<void> {
    const file = path.join(this.out, this.staging, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await this.fs.place(source, file);
    this.#moves.push(rel);
  }

  /**
   * Output `from` in place was edited by a person: at the switch, before the new draft is moved
   * into its place, it is renamed to `to` (relative, same folder; the caller picks a free name).
   * A rename, so atomic: the edited file is at one of the two names at every moment.
   */
  setAside(from: string, to: string): void {
    this.#setAside.push({ from, to });
  }

  /** Output `rel` of the previous set is not part of the new one: removed at the switch. */
  remove(rel: string): void {
    this.#removes.add(rel);
  }

  /**
   * Switch to the staged set: write the plan (the commit point), apply it, clean up. `last`: outputs
   * moved after all others, in this order (results.json: the next run's baseline).
   */
  async commit(last: string[] = []): Promise<void> {
    const moves = [...this.#moves.filter((m) => !last.includes(m)), ...last.filter((m) => this.#moves.includes(m))];
    const plan: SwitchPlan = {
      version: 1, staging: this.staging, moves, removes: [...this.#removes].filter((r) => !moves.includes(r)),
      ...(this.#setAside.length > 0 ? { setAside: [...this.#setAside] } : {}),
    };
    await writeFileAtomic(path.join(this.out, SWITCH_FILE), `${JSON.stringify(plan, null, 2)}\n`);
    this.#committed = true;
    const applying = applyPlan(this.out, plan, this.fs, (rel) => this.#switched.push(rel));
    switching = applying.catch(() => {});
    try {
      await applying;
    } finally {
      switching = null;
    }
  }

  #committed = false;
  #switched: string[] = [];

  /** Outputs moved into place by this process's commit so far (all of them once it returned). */
  get switched(): readonly string[] {
    return this.#switched;
  }

  /**
   * The plan is written: the switch is under way and must not be given up (a failure part-way is
   * finished by the next run's settleOutputs, from the staging folder, which is kept).
   */
  get committed(): boolean {
    return this.#committed;
  }

  /** Give up: the staging folder goes, the previous set was never touched. */
  async abandon(): Promise<void> {
    await rm(path.join(this.out, this.staging), { recursive: true, force: true });
  }
}

/** The switch being applied in this process, if any. */
let switching: Promise<void> | null = null;

/** True while a switch to a new output set is being applied (the plan is written: it will be finished). */
export function switchUnderWay(): boolean {
  return switching !== null;
}

/** Resolves once no switch is being applied (at once when none is): a signal handler waits for it. */
export function switchInProgress(): Promise<void> {
  return switching ?? Promise.resolve();
}

async function applyPlan(out: string, plan: SwitchPlan, fs: StageFs, moved: (rel: string) => void = () => {}): Promise<void> {
  const staging = path.join(out, plan.staging);
  for (const { from, to } of plan.setAside ?? []) {
    // Replayed after a kill: `to` exists once the rename was done (its name was free when planned),
    // and `from` then holds the new draft, which must stay.
    if (existsSync(path.join(out, to))) continue;
    try {
      await fs.rename(path.join(out, from), path.join(out, to));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  for (const rel of plan.moves) {
    const target = path.join(out, rel);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await fs.rename(path.join(staging, rel), target);
      moved(rel);
    } catch (error) {
      // Moved already by the run that was killed mid-switch.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  for (const rel of plan.removes) {
    await fs.unlink(path.join(out, rel)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await removeEmptyParents(out, rel);
  }
  await rm(staging, { recursive: true, force: true });
  await fs.unlink(path.join(out, SWITCH_FILE));
}

/**
 * The folders of output `rel` (below `out`, never `out` itself) that its removal left empty, deepest
 * first: `--no-audit` leaves no empty `audit/` behind. A folder holding anything else (a clerk's own
 * file) stops the climb.
 */
async function removeEmptyParents(out: string, rel: string): Promise<void> {
  for (let dir = path.posix.dirname(rel); dir !== '.' && dir !== '/'; dir = path.posix.dirname(dir)) {
    try {
      await rmdir(path.join(out, dir));
    } catch {
      return;
    }
  }
}

/**
 * Bring the output folder to one whole set before a run starts (the caller holds the lock): finish a
 * switch a killed run had committed, discard staging folders it had not. Returns what was done.
 */
export async function settleOutputs(out: string, fs: StageFs = nodeStageFs): Promise<'finished' | 'discarded' | 'clean'> {
  let outcome: 'finished' | 'discarded' | 'clean' = 'clean';
  let plan: SwitchPlan | null = null;
  try {
    plan = JSON.parse(await readFile(path.join(out, SWITCH_FILE), 'utf8')) as SwitchPlan;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      // A plan is written atomically, so a garbled one was never ours: leave the outputs as they are.
      await unlink(path.join(out, SWITCH_FILE)).catch(() => {});
    }
  }
  if (plan && plan.version === 1 && Array.isArray(plan.moves) && (plan.setAside === undefined || Array.isArray(plan.setAside)) && typeof plan.staging === 'string' && plan.staging.startsWith(STAGING_PREFIX)) {
    await applyPlan(out, plan, fs);
    outcome = 'finished';
  }
  for (const name of await readdir(out).catch(() => [] as string[])) {
    if (name.startsWith(STAGING_PREFIX)) {
      await rm(path.join(out, name), { recursive: true, force: true });
      if (outcome === 'clean') outcome = 'discarded';
    }
  }
  return outcome;
}
