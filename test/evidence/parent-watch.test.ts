// Reader processes die with a killed parent even while their main thread is busy (no event loop turn).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';

/** Running: exists and is not a zombie (a container's PID 1 may never reap it). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function until(test: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting: ${what}`);
}

describe.runIf(process.platform === 'linux')('a reader process whose parent is killed', () => {
  it('dies too, though its main thread is busy in synchronous work', async () => {
    const dir = await tempDir();
    const watch = pathToFileURL(path.resolve('dist/pipeline/evidence/parent-watch.js')).href;
    const pidFile = path.join(dir, 'child.pid');
    // The child: watch the parent, then spin for two minutes without yielding (like pdf.js on a hostile page).
    const child = `import { dieWithParent } from ${JSON.stringify(watch)};
      dieWithParent(100);
      const { writeFileSync } = await import('node:fs');
      writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));
      const end = Date.now() + 120000; while (Date.now() < end) {}`;
    const parent = spawn(process.execPath, ['-e', `
      const { spawn } = require('node:child_process');
      spawn(process.execPath, ['--input-type=module', '-e', ${JSON.stringify(child)}], { stdio: 'ignore' });
      setInterval(() => {}, 1000);`], { stdio: 'ignore' });
    let readerPid = 0;
    await until(async () => (readerPid = Number(await readFile(pidFile, 'utf8').catch(() => '0'))) > 0, 'the child started');
    parent.kill('SIGKILL');
    await until(() => !alive(readerPid), 'the child died with its parent');
    expect(alive(readerPid)).toBe(false);
  }, 90_000);
});
