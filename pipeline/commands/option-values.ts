// Values of the commands' options that every command checks the same way.
import path from 'node:path';
import { CchcError, ExitCode } from '../util/errors.js';

/**
 * The absolute path an output option (`--out`) names. An empty or blank value, as a script's unset
 * variable gives (`--out "$THU_MUC"`), is a usage error (exit 2): resolved, it would be the current
 * folder, and the outputs would be scattered wherever the clerk happens to be.
 */
export function outputPath(value: string, option = '--out', what = 'thư mục kết quả'): string {
  if (value.trim() === '') {
    throw new CchcError(`${option} cần đường dẫn ${what}, không được để trống (biến môi trường chưa được đặt?).`, ExitCode.Usage);
  }
  return path.resolve(value);
}

/**
 * The longest wait a timer can hold: Node's setTimeout keeps at most 2^31 − 1 ms (about 24.8 days)
 * and fires at once, with an English warning, beyond it.
 */
export const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/**
 * A positive number, as typed on the command line (a decimal comma is read as a point: `0,5`).
 * Anything else (empty, words, zero, negative, infinite) is a usage error (exit 2) naming `option`.
 */
export function positiveNumber(value: string, option: string): number {
  const n = Number(value.trim().replace(',', '.'));
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new CchcError(`${option} cần một số dương, không phải "${value}".`, ExitCode.Usage);
  return n;
}

/**
 * A count (`--workers`, `--concurrency`, a round's number `--round`): a whole number from 1, in digits. `1.5`, `1e0` are a
 * usage error (exit 2) rather than silently rounded.
 */
export function positiveInteger(value: string, option: string): number {
  const n = Number(value.trim());
  if (!/^\d+$/u.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new CchcError(`${option} cần một số nguyên dương (1, 2, 3…), không phải "${value}".`, ExitCode.Usage);
  return n;
}

/**
 * A wait in seconds, returned in milliseconds (at least 1): a positive number of at most
 * MAX_TIMER_SECONDS; more is a usage error (exit 2) naming the limit.
 */
export function timeoutMs(value: string, option: string): number {
  const seconds = positiveNumber(value, option);
  if (seconds > MAX_TIMER_SECONDS) {
    throw new CchcError(`${option} tối đa ${MAX_TIMER_SECONDS.toLocaleString('vi-VN')} giây (khoảng 24 ngày), không phải "${value}".`, ExitCode.Usage);
  }
  return Math.max(1, Math.round(seconds * 1000));
}
