// Where time goes, per phase. A reader process times one file's phases (opening, text layer, page
// image, rendering, OCR…), for the benchmark's per-phase breakdown: wall milliseconds, and since a
// reader process reads one file at a time, on an idle core that is its CPU time, OCR's worker thread
// included. A run times its own phases one after another with `lap` (discovery, evidence, appraisal,
// documents…), wall and CPU milliseconds of the run's process, and the process's peak resident memory
// at the end of each (which phase raised the peak).
import { readFileSync } from 'node:fs';

export type Phases = Record<string, number>;

export class PhaseTimer {
  /** Wall milliseconds per phase. */
  readonly totals: Phases = {};
  /** CPU milliseconds of this process (all its threads) per phase; filled by `lap` only. */
  readonly cpu: Phases = {};
  /**
   * Peak resident memory of this process so far (MB, `peakRssMb()`) at the end of each phase; filled
   * by `lap` only. The phase where it rises is the one that raised the peak.
   */
  readonly peakRssMb: Phases = {};
  #lapWall = performance.now();
  #lapCpu = process.cpuUsage();

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  timeSync<T>(phase: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  add(phase: string, ms: number): void {
    this.totals[phase] = (this.totals[phase] ?? 0) + ms;
  }

  /**
   * Phases that follow one another: charge the wall and CPU time since the previous lap (or since
   * the timer was made) to `phase`.
   */
  lap(phase: string): void {
    const now = performance.now();
    const used = process.cpuUsage(this.#lapCpu);
    this.add(phase, now - this.#lapWall);
    this.cpu[phase] = (this.cpu[phase] ?? 0) + (used.user + used.system) / 1000;
    this.peakRssMb[phase] = peakRssMb();
    this.#lapWall = now;
    this.#lapCpu = process.cpuUsage();
  }
}

/**
 * This process's peak resident memory so far, in MB: Linux's high-water mark of the program's own
 * memory (`VmHWM` in /proc/self/status). Not `process.resourceUsage().maxRSS`: Linux carries that
 * across exec from the forked copy of the parent, so a run started by a large process (a benchmark)
 * would report the parent's size. Elsewhere, maxRSS.
 */
export function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/mu.exec(readFileSync('/proc/self/status', 'latin1'));
    if (kb) return Math.round(Number(kb[1]) / 1024);
  } catch {
    // Not Linux.
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
