// Command-line values every command checks alike: waits within what a timer can hold, counts of
// processes as whole numbers, each refusal a usage error (exit 2) in Vietnamese naming the option.
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_SECONDS, positiveInteger, timeoutMs } from '../../pipeline/commands/option-values.js';
import { CchcError, ExitCode } from '../../pipeline/util/errors.js';
import { formatSeconds } from '../../pipeline/util/text.js';

function refusal(f: () => unknown): CchcError {
  try {
    f();
  } catch (e) {
    if (e instanceof CchcError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('a wait in seconds (--file-timeout, --redis-wait, --lock-timeout, --redis-timeout)', () => {
  it.each([
    ['120', 120_000],
    ['0.5', 500],
    ['0,5', 500],
    [String(MAX_TIMER_SECONDS), MAX_TIMER_SECONDS * 1000],
  ])('--file-timeout %s → %d ms', (value, ms) => {
    expect(timeoutMs(value, '--file-timeout')).toBe(ms);
  });

  it('--file-timeout 1e9, beyond what a timer holds (about 24 days) → exit 2 naming the limit', () => {
    const e = refusal(() => timeoutMs('1e9', '--file-timeout'));
    expect(e.exitCode).toBe(ExitCode.Usage);
    expect(e.message).toBe('--file-timeout tối đa 2.147.483 giây (khoảng 24 ngày), không phải "1e9".');
  });

  it.each(['0', '-3', 'abc', '', 'Infinity'])('--lock-timeout "%s" → exit 2', (value) => {
    const e = refusal(() => timeoutMs(value, '--lock-timeout'));
    expect(e.exitCode).toBe(ExitCode.Usage);
    expect(e.message).toBe(`--lock-timeout cần một số dương, không phải "${value}".`);
  });

  it.each([[500, '0,5 giây'], [120_000, '120 giây'], [1_250, '1,25 giây']])('%d ms is said "%s"', (ms, said) => {
    expect(formatSeconds(ms)).toBe(said);
  });
});

describe("a count (--workers, --concurrency, snapshot --round)", () => {
  it.each([['1', 1], ['4', 4], [' 8 ', 8]])('--workers "%s" → %d', (value, n) => {
    expect(positiveInteger(value, '--workers')).toBe(n);
  });

  it.each(['1.5', '1,5', '0', '-2', 'hai', '', '1e0', '0x2', '+3'])('--workers "%s" → exit 2', (value) => {
    const e = refusal(() => positiveInteger(value, '--workers'));
    expect(e.exitCode).toBe(ExitCode.Usage);
    expect(e.message).toBe(`--workers cần một số nguyên dương (1, 2, 3…), không phải "${value}".`);
  });
});
