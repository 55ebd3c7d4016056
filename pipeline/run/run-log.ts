// The run's log: every line goes to `<out>/cchc.log` (appended, timestamped, for the morning after a
// cron run); lines for people also go to the terminal unless the run is quiet.
import { appendFileSync, lstatSync, unlinkSync } from 'node:fs';
import path from 'node:path';

export const LOG_FILE = 'cchc.log';

export interface RunLog {
  /** A line for people: to the log file, and to the terminal unless quiet. */
  info(line: string): void;
  /** A line for the log file only (details a person at the terminal does not need). */
  detail(line: string): void;
  readonly file: string | null;
  /**
   * Start writing the file (the output folder exists now); lines logged before are written first.
   * Until then nothing touches the disk, so a refused `--out` is never created by its own log.
   */
  open?(): void;
}

/**
 * `line` with the control characters a file name can carry (ESC of a terminal escape sequence, BEL,
 * backspace, DEL, C1 controls) shown as `\x1b`, so neither the log nor the terminal runs them; line
 * breaks and tabs stay (messages of several lines use them).
 */
export function visibleLine(line: string): string {
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function createRunLog(outDir: string | null, echo: ((line: string) => void) | null): RunLog {
  const file = outDir ? path.join(outDir, LOG_FILE) : null;
  let pending: string[] | null = [];
  let broken = false;
  // The log is a record, not an output: a full disk or a lost folder stops the file, never the run
  // (the terminal still gets every line for people).
  const append = (text: string) => {
    if (!file || broken) return;
    try {
      appendFileSync(file, text);
    } catch {
      broken = true;
    }
  };
  const write = (line: string) => {
    if (!file) return;
    const stamped = `${new Date().toISOString()} ${line}\n`;
    if (pending) pending.push(stamped);
    else append(stamped);
  };
  return {
    file,
    open() {
      if (!file || !pending) return;
      // Never append through a link (it could lead anywhere, the batch folder included).
      if (lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(file);
      const lines = pending;
      pending = null;
      if (lines.length > 0) append(lines.join(''));
    },
    info(line) {
      const shown = visibleLine(line);
      write(shown);
      echo?.(shown);
    },
    detail: (line) => write(visibleLine(line)),
  };
}

/** A log that goes nowhere, for library callers and tests. */
export const silentLog: RunLog = { file: null, info() {}, detail() {} };
