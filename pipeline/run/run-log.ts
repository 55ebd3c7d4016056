// The run's log: every line goes to `<out>/cchc.log` (appended, timestamped, for the morning after a
// cron run); lines for people also go to the terminal unless the run is quiet.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const LOG_FILE = 'cchc.log';

export interface RunLog {
  /** A line for people: to the log file, and to the terminal unless quiet. */
  info(line: string): void;
  /** A line for the log file only (details a person at the terminal does not need). */
  detail(line: string): void;
  readonly file: string | null;
}

export function createRunLog(outDir: string | null, echo: ((line: string) => void) | null): RunLog {
  let file: string | null = null;
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    file = path.join(outDir, LOG_FILE);
  }
  const write = (line: string) => {
    if (file) appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
  };
  return {
    file,
    info(line) {
      write(line);
      echo?.(line);
    },
    detail: write,
  };
}

/** A log that goes nowhere, for library callers and tests. */
export const silentLog: RunLog = { file: null, info() {}, detail() {} };
