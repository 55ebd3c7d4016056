// Where a reader process spends its CPU on one file (opening, text layer, page image, rendering,
// OCR…), for the benchmark's per-phase breakdown. CPU milliseconds of the whole process (OCR's
// worker thread included): a reader process reads one file at a time, so what it spends during a
// phase is that phase's, however loaded the machine is.

export type Phases = Record<string, number>;

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

export class PhaseTimer {
  readonly totals: Phases = {};

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = process.cpuUsage();
    try {
      return await work();
    } finally {
      this.add(phase, cpuMs(started));
    }
  }

  timeSync<T>(phase: string, work: () => T): T {
    const started = process.cpuUsage();
    try {
      return work();
    } finally {
      this.add(phase, cpuMs(started));
    }
  }

  add(phase: string, ms: number): void {
    this.totals[phase] = (this.totals[phase] ?? 0) + ms;
  }
}
