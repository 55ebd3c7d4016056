// Errors that stop a run, with a Vietnamese message and the exit code that says why.

/** Documented exit codes of the `cchc` command. */
export const ExitCode = {
  /** The batch completed; findings are results, not errors. */
  Ok: 0,
  /** An unexpected internal error. */
  Internal: 1,
  /** Wrong command-line usage. */
  Usage: 2,
  /** The batch cannot be run: no batch.yaml, invalid batch, unknown framework… */
  BadBatch: 3,
  /** The output folder cannot be written. */
  Output: 4,
  /** Some files given to `cchc extract` could not be read. */
  Unreadable: 5,
  /** Another run holds the lock on this output folder. */
  Locked: 6,
  /**
   * The batch completed, but an input workbook declared in batch.yaml (survey, bonus/penalty,
   * council decisions) is missing or cannot be read: the results are provisional.
   */
  InputUnreadable: 7,
  /**
   * A round's deadline has passed, it has no snapshot, and what the units had filed by then cannot
   * be established (no history from before the deadline, every file newer than it): nothing written.
   */
  RoundUnestablished: 8,
  /**
   * (`cchc worker`) Redis could not be reached for `--redis-timeout` seconds, at the start or after
   * the connection was lost: the worker stopped (a supervisor such as systemd starts it again).
   */
  RedisUnreachable: 9,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class CchcError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.BadBatch,
  ) {
    super(message);
    this.name = 'CchcError';
  }
}

/**
 * What a process allowed too few open files (EMFILE, ENFILE) says when it cannot even load its own
 * modules: cchc needs at least 256 (the README says so).
 */
export function tooFewOpenFiles(code: string): string {
  return `Lỗi: hệ thống không cho mở thêm tệp (${code}: giới hạn số tệp mở cùng lúc của tiến trình quá thấp). cchc cần ít nhất 256 (lệnh \`ulimit -n\` cho biết giới hạn hiện tại; đặt \`ulimit -n 1024\` trước khi chạy).`;
}
