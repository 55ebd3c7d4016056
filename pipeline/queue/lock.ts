// The job lock's settings, apart so the CLI can show them without loading BullMQ.

/**
 * The worker's lock on a job: renewed every half of it while the worker lives; a worker killed
 * (kill -9, a machine lost) stops renewing, and after this long another worker's stall check puts
 * the job back in the queue. A job found stalled a second time (`MAX_STALLED`) fails: that file
 * killed two workers, and it becomes the file's unreadable finding.
 */
export const DEFAULT_LOCK_MS = 60_000;
export const MAX_STALLED = 1;

/**
 * How long a worker keeps trying to reach an unreachable Redis (at its start, or after losing the
 * connection) before it gives up with exit code 9, by default: 2 minutes.
 */
export const DEFAULT_REDIS_TIMEOUT_MS = 120_000;
