// Read and validate batch.yaml. Problems that make the batch impossible to run stop here,
// with a Vietnamese message naming the file and the field.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Batch, UnitGroup } from '../model.js';
import { CchcError } from '../util/errors.js';
import { nfc } from '../util/text.js';
import { describeProblems, validate } from '../util/validation.js';
import { parseCalendar } from '../rounds/calendar.js';
import { batchSchema, STANDARD_GROUPS } from './batch-schema.js';

export const BATCH_FILE = 'batch.yaml';

export async function loadBatch(dir: string): Promise<Batch> {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new CchcError(`Không tìm thấy thư mục đợt thẩm định: ${root}`);
  }
  const file = path.join(root, BATCH_FILE);
  if (!existsSync(file)) {
    throw new CchcError(`Thư mục ${root} không có tệp ${BATCH_FILE}: đây không phải một đợt thẩm định.`);
  }
  let data: unknown;
  try {
    data = parseYaml(nfc(await readFile(file, 'utf8')));
  } catch (error) {
    throw new CchcError(`${file}: không đọc được YAML: ${(error as Error).message}`);
  }
  return parseBatch(data, root, file);
}

export function parseBatch(data: unknown, root: string, file = path.join(root, BATCH_FILE)): Batch {
  const checked = validate(batchSchema, data);
  if (!checked.ok) throw new CchcError(`Tệp đợt thẩm định không hợp lệ:\n${describeProblems(file, checked.problems)}`);
  const input = checked.value;
  const problems: string[] = [];

  const groups: UnitGroup[] = (input.groups ?? STANDARD_GROUPS.map((g) => ({ ...g }))).map((g, i) => {
    const framework = ('framework' in g ? g.framework : undefined) ?? input.framework;
    if (!framework) problems.push(`groups[${i}]: nhóm ${g.code} chưa có bộ chỉ số (framework) và batch.yaml không có framework chung`);
    return { code: g.code, name: g.name, framework: framework ?? '' };
  });
  const groupCodes = new Set(groups.map((g) => g.code));

  const seen = new Set<string>();
  input.units.forEach((u, i) => {
    if (seen.has(u.code)) problems.push(`units[${i}]: mã đơn vị ${u.code} bị trùng`);
    seen.add(u.code);
    if (!groupCodes.has(u.group)) {
      problems.push(`units[${i}]: nhóm "${u.group}" của đơn vị ${u.code} không có trong danh sách nhóm (${[...groupCodes].join(', ')})`);
    }
  });
  if (input.dataWindow.from > input.dataWindow.to) {
    problems.push(`dataWindow: ngày bắt đầu ${input.dataWindow.from} sau ngày kết thúc ${input.dataWindow.to}`);
  }
  const rounds = input.rounds ? parseCalendar(input.rounds, (f) => path.resolve(root, f), problems) : [];
  if (problems.length > 0) {
    throw new CchcError(`Tệp đợt thẩm định không hợp lệ:\n${problems.map((p) => `${file}: ${p}`).join('\n')}`);
  }

  const usedGroups = new Set(input.units.map((u) => u.group));
  const inputs: Batch['inputs'] = {};
  for (const key of ['survey', 'adjustments', 'councilDecisions'] as const) {
    const value = input.inputs[key];
    if (value) inputs[key] = path.resolve(root, value);
  }
  const corrections = input.inputs.corrections;
  if (corrections) inputs.corrections = (Array.isArray(corrections) ? corrections : [corrections]).map((f) => path.resolve(root, f));
  const batch: Batch = {
    dir: root,
    province: input.province,
    year: input.year,
    dataWindow: input.dataWindow,
    cutoff: input.cutoff ?? input.dataWindow.to,
    groups: groups.filter((g) => usedGroups.has(g.code)),
    units: input.units,
    council: input.council,
    decision: {
      ...input.decision,
      signer: input.decision.signer,
    },
    inputs,
  };
  if (input.title) batch.title = input.title;
  if (rounds.length > 0) batch.rounds = rounds;
  if (input.templates) batch.templates = path.resolve(root, input.templates);
  if (input.trust) batch.trust = path.resolve(root, input.trust);
  return batch;
}

/** Folder of a unit inside the batch. */
export function unitDir(batch: Batch, unitCode: string): string {
  return path.join(batch.dir, 'units', unitCode);
}
