// A province batch hands the reader thousands of files at once. Every one of them must be looked at
// even when the process may hold far fewer files open than that (a server's usual limit is 1,024
// descriptors): the reader looks up and hashes a bounded number of files at a time. Runs the compiled
// reader (dist/, built by `npm test`) in a child process whose descriptor limit is 64.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../pipeline/util/package-root.js';

const run = promisify(execFile);
const FILES = 400;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-descriptors-'));
  // Pages saved from a web portal under a .pdf name: each is looked at (hashed, sniffed) and found not
  // to be a PDF, with no reader process involved.
  await Promise.all(Array.from({ length: FILES }, (_, i) =>
    writeFile(path.join(dir, `tai-lieu-${i}.pdf`), `<!DOCTYPE html><html><body>Văn bản ${i}</body></html>\n`.repeat(40))));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a batch with more files than the process may open at once', () => {
  it('looks at every file and reports each for what it is, never as a file it could not open', async () => {
    const reader = pathToFileURL(path.join(packageRoot(), 'dist', 'pipeline', 'evidence', 'reader.js')).href;
    const script = `
      const { createEvidenceReader } = await import(${JSON.stringify(reader)});
      const { readdirSync } = await import('node:fs');
      const dir = ${JSON.stringify(dir)};
      const files = readdirSync(dir).filter((f) => f.endsWith('.pdf')).map((f) => dir + '/' + f);
      const evidence = createEvidenceReader({ cacheDir: dir + '/.cache', concurrency: 1 });
      const readings = await Promise.all(files.map((f) => evidence.read(f)));
      await evidence.close();
      const reasons = {};
      for (const r of readings) reasons[r.error] = (reasons[r.error] ?? 0) + 1;
      process.stdout.write(JSON.stringify(reasons));
    `;
    const { stdout } = await run('prlimit', ['--nofile=64:64', process.execPath, '--input-type=module', '-e', script], { maxBuffer: 1 << 20 });
    expect(JSON.parse(stdout)).toEqual({ 'không phải tệp PDF (là trang web HTML đặt đuôi .pdf)': FILES });
  }, 60_000);
});
