// Look at the generated documents as people will: convert every DOCX (and XLSX with --xlsx) under
// a folder to PDF with LibreOffice, then render each page to PNG with pdftoppm.
//
//   npm run pages -- output                           → output/.pages/<name>.pdf, <name>-<page>.png
//   npx tsx scripts/render-pages.ts output --dpi 80 --xlsx --out /tmp/pages
//
// Needs the Debian packages libreoffice-writer (libreoffice-calc for --xlsx) and poppler-utils.
// A checking tool for developers: the pipeline itself never calls LibreOffice.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

interface Options {
  root: string;
  out: string;
  dpi: number;
  xlsx: boolean;
}

function parseArgs(argv: string[]): Options {
  const args = [...argv];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i === -1) return undefined;
    const value = args[i + 1];
    args.splice(i, 2);
    return value;
  };
  const dpi = Number(flag('--dpi') ?? '100');
  const out = flag('--out');
  const xlsx = args.includes('--xlsx');
  const rest = args.filter((a) => a !== '--xlsx');
  const root = path.resolve(rest[0] ?? 'output');
  return { root, out: path.resolve(out ?? path.join(root, '.pages')), dpi, xlsx };
}

function findDocuments(dir: string, extensions: string[]): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...findDocuments(full, extensions));
    else if (extensions.some((e) => name.toLowerCase().endsWith(e))) found.push(full);
  }
  return found;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const documents = findDocuments(options.root, options.xlsx ? ['.docx', '.xlsx'] : ['.docx']);
  if (documents.length === 0) {
    console.error(`Không có tệp DOCX nào trong ${options.root}.`);
    process.exitCode = 1;
    return;
  }
  await mkdir(options.out, { recursive: true });
  // A private LibreOffice profile: a running office or a locked default profile cannot block the conversion.
  const profile = mkdtempSync(path.join(os.tmpdir(), 'cchc-lo-'));
  try {
    for (const file of documents) {
      const stem = path.basename(file).replace(/\.(docx|xlsx)$/iu, '');
      execFileSync('soffice', [
        `-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', options.out, file,
      ], { stdio: 'ignore', timeout: 180_000 });
      const pdf = path.join(options.out, `${stem}.pdf`);
      const target = file.toLowerCase().endsWith('.xlsx') ? path.join(options.out, `${stem}.xlsx.pdf`) : pdf;
      if (target !== pdf) await rename(pdf, target);
      const prefix = target.replace(/\.pdf$/u, '');
      const base = path.basename(prefix);
      const pagesOf = () => readdirSync(options.out).filter((n) => n.startsWith(`${base}-`) && /^\d+\.png$/u.test(n.slice(base.length + 1)));
      // Pages of an earlier, longer rendering would otherwise linger beside the new ones.
      for (const old of pagesOf()) rmSync(path.join(options.out, old));
      execFileSync('pdftoppm', ['-png', '-r', String(options.dpi), target, prefix], { stdio: 'ignore' });
      const pages = pagesOf();
      console.log(`${path.relative(options.root, file)}: ${pages.length} trang → ${path.relative(process.cwd(), prefix)}-*.png`);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
