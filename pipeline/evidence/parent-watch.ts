// A reader process dies with its parent, even while its main thread is busy inside pdf.js or
// Tesseract (a synchronous stretch can last a minute, and 'disconnect' waits for the event loop).
// A worker thread has its own event loop: it polls the parent PID and kills this process when the
// parent is gone (the process is re-parented, so its parent PID changes).
import { Worker } from 'node:worker_threads';

/** How often the parent is checked, in milliseconds. */
export const PARENT_POLL_MS = 500;

const WATCHER = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.ppid !== workerData.parent) process.kill(workerData.self, 'SIGKILL');
}, workerData.every);
`;

/** Start watching the parent; the watcher never keeps the process alive on its own. */
export function dieWithParent(every = PARENT_POLL_MS): void {
  // No inherited execArgv: `--input-type=module` would make the CommonJS watcher fail to start.
  const watcher = new Worker(WATCHER, { eval: true, execArgv: [], workerData: { parent: process.ppid, self: process.pid, every } });
  watcher.unref();
}
