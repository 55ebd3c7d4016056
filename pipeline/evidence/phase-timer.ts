// Where a reader process spends its time on one file (opening, text layer, page image, rendering,
// OCR…), for the benchmark's per-phase breakdown. Wall milliseconds: a reader process reads one file
// at a time, so on an idle core this is its CPU time, OCR's worker thread included.

export type Phases = Record<string, number>;

export class PhaseTimer {
  readonly totals: Phases = {};

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
}
