// List a unit's evidence files: units/<CODE>/evidence/<criterion code>/<file>.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Batch, EvidenceFile, Finding, Framework } from '../model.js';
import { allCriteria } from '../framework/load-framework.js';
import { toPosix } from '../util/files.js';
import { nfc } from '../util/text.js';
import { unitDir } from './load-batch.js';

export const EVIDENCE_RULE = 'evidence-layout';

export interface EvidenceListing {
  files: EvidenceFile[];
  findings: Finding[];
}

export async function discoverEvidence(batch: Batch, unit: string, framework: Framework): Promise<EvidenceListing> {
  const root = path.join(unitDir(batch, unit), 'evidence');
  const findings: Finding[] = [];
  const files: EvidenceFile[] = [];
  if (!existsSync(root)) return { files, findings };
  const known = new Set(allCriteria(framework).map((e) => e.criterion.code));
  const leaves = new Set(allCriteria(framework).filter((e) => e.criterion.children.length === 0).map((e) => e.criterion.code));

  const folders = (await readdir(root, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of folders) {
    const name = nfc(entry.name);
    const rel = toPosix(path.relative(batch.dir, path.join(root, entry.name)));
    if (!entry.isDirectory()) {
      findings.push({ rule: EVIDENCE_RULE, effect: 'info', unit, file: rel,
        reason: `Tệp ${rel} nằm ngoài thư mục tiêu chí (evidence/<mã tiêu chí>/): không gắn được với tiêu chí nào.` });
      continue;
    }
    if (!known.has(name)) {
      findings.push({ rule: EVIDENCE_RULE, effect: 'info', unit, file: rel,
        reason: `Thư mục ${rel} không ứng với mã tiêu chí nào của bộ chỉ số ${framework.id}.` });
      continue;
    }
    if (!leaves.has(name)) {
      findings.push({ rule: EVIDENCE_RULE, effect: 'info', unit, criterion: name, file: rel,
        reason: `Thư mục ${rel} ứng với tiêu chí ${name} có tiêu chí thành phần; cần đặt tài liệu vào thư mục của từng tiêu chí thành phần.` });
      continue;
    }
    for (const file of await walk(path.join(root, entry.name))) {
      const info = await stat(file);
      files.push({
        unit,
        criterion: name,
        path: file,
        relPath: nfc(toPosix(path.relative(batch.dir, file))),
        name: nfc(path.basename(file)),
        size: info.size,
      });
    }
  }
  return { files, findings };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile()) out.push(full);
  }
  return out;
}
