// What signature verification adds to reading one signed PDF, on generated files of 1 and 5 MB:
// a scan-sized first revision (incompressible page image) signed once, signed three times, and
// signed then modified. Times the reader's `signatures` phase (read the file, find the signature
// dictionaries, verify each, analyse later revisions), against the same step on the unsigned file.
//
//   npm run bench:signatures              15 timed runs per case after 3 warm-up runs
//   npm run bench:signatures -- --runs 40
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, rgb } from 'pdf-lib';
import { verifyFileSignatures } from '../pipeline/evidence/signature/verify.js';
import { appendUpdate, signRevision, type TestSigner } from './lib/pdf-signing.js';
import { testSignerCertificate } from './lib/signed-pdf.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 15;
const WARM_UP = 3;

/** A one-page PDF whose page is a `megabytes` MB incompressible grey image, as a scan is. */
async function scanSized(megabytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const side = Math.ceil(Math.sqrt(megabytes * 1024 * 1024));
  const image = doc.context.register(doc.context.stream(randomBytes(side * side), {
    Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceGray', BitsPerComponent: 8,
  }));
  page.node.setXObject(PDFName.of('Im0'), image);
  page.drawRectangle({ x: 0, y: 0, width: 1, height: 1, color: rgb(1, 1, 1) });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function signer(name: string, digest: 'sha1' | 'sha256'): TestSigner {
  return { ...testSignerCertificate({ agency: name, parent: 'UBND tỉnh Hưng Yên', email: 'x@hungyen.gov.vn' }, 9, { notBefore: new Date('2020-01-01'), notAfter: new Date('2030-01-01') }), digest };
}

/** Wall time and CPU time (user + system of this process: what a loaded machine inflates less) per call. */
async function time(file: string): Promise<{ median: number; p90: number; cpu: number; cold: number; status: string }> {
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let status = '';
  let cold = 0;
  for (let k = 0; k < WARM_UP + RUNS; k += 1) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const result = await verifyFileSignatures(file);
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    if (k === 0) cold = ms;
    status = result.status;
    if (k >= WARM_UP) {
      samples.push(ms);
      cpuSamples.push((cpu.user + cpu.system) / 1000);
    }
  }
  const at = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
  return { median: at(samples, 0.5), p90: at(samples, 0.9), cpu: at(cpuSamples, 0.5), cold, status };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-bench-sig-'));
  const rows: string[][] = [];
  try {
    for (const mb of [1, 5]) {
      const unsigned = await scanSized(mb);
      const once = await signRevision(unsigned, signer('Văn phòng UBND tỉnh Hưng Yên', 'sha256'), { time: new Date('2021-07-07T03:00:00Z'), field: 'S1' });
      const twice = await signRevision(once, signer('Sở Nội vụ', 'sha1'), { time: new Date('2021-07-07T04:00:00Z'), field: 'S2' });
      const thrice = await signRevision(twice, signer('Trung tâm Công báo và Tin học', 'sha256'), { time: new Date('2021-07-07T05:00:00Z'), field: 'S3' });
      const modified = await appendUpdate(once, (doc) => doc.getPage(0).drawRectangle({ x: 60, y: 700, width: 150, height: 12, color: rgb(1, 1, 1) }));
      const cases: Array<[string, Buffer]> = [['unsigned (baseline)', unsigned], ['1 signature', once], ['3 signatures', thrice], ['1 signature, modified after', modified]];
      let baseline = 0;
      let baselineCpu = 0;
      for (const [name, bytes] of cases) {
        const file = path.join(dir, `${mb}mb-${name.replace(/\W+/gu, '-')}.pdf`);
        await writeFile(file, bytes);
        const t = await time(file);
        if (name.startsWith('unsigned')) {
          baseline = t.median;
          baselineCpu = t.cpu;
        }
        rows.push([`${(bytes.length / 1024 / 1024).toFixed(1)} MB`, name, t.status, t.median.toFixed(1), t.p90.toFixed(1), (t.median - baseline).toFixed(1), t.cpu.toFixed(1), (t.cpu - baselineCpu).toFixed(1), t.cold.toFixed(1)]);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const header = ['file', 'case', 'verdict', 'median ms', 'p90 ms', 'added ms', 'CPU ms', 'added CPU ms', 'first call ms'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ');
  process.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  process.stdout.write(`\n${RUNS} timed runs per case after ${WARM_UP} warm-up runs; medians; CPU = user + system time of this process; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores; Node ${process.version}, ${os.cpus()[0]?.model ?? 'CPU'}.\n`);
}

await main();
