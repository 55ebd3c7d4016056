// A reader process keeps Node's own built-ins while pdf.js (legacy build, with core-js polyfills)
// is loaded and reads a document: in a fresh process, as a reader process starts.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('pdf.js in a reader process', () => {
  it('leaves Array.prototype.push and JSON.parse as Node made them, after loading pdf.js and reading a PDF', () => {
    const pdfjs = pathToFileURL(path.resolve('dist/pipeline/evidence/pdfjs.js')).href;
    const pdf = path.resolve('fixtures/sample-batch/units/STP/evidence/1.1.1');
    const script = `
      const push = Array.prototype.push;
      const parse = JSON.parse;
      const { readdirSync, readFileSync } = await import('node:fs');
      const { pdfjs } = await import(${JSON.stringify(pdfjs)});
      const dir = ${JSON.stringify(pdf)};
      const file = readdirSync(dir).find((f) => f.endsWith('.pdf'));
      const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(dir + '/' + file)), verbosity: 0 }).promise;
      const text = await (await doc.getPage(1)).getTextContent();
      await doc.destroy();
      console.log(JSON.stringify({ items: text.items.length, push: Array.prototype.push === push, parse: JSON.parse === parse }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { items: number; push: boolean; parse: boolean };
    expect(out.items).toBeGreaterThan(0);
    expect(out).toMatchObject({ push: true, parse: true });
  }, 60_000);
});
