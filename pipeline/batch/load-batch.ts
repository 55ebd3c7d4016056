// Read and validate batch.yaml. Problems that make the batch impossible to run stop here,
// with a Vietnamese message naming the file and the field.
import { existsSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type * as Yaml from 'yaml';
import type { Batch, UnitGroup } from '../model.js';
import { CchcError } from '../util/errors.js';
import { describeFsError } from '../util/fs-errors.js';
import { foldVietnamese, nfc } from '../util/text.js';
import { parseYamlText } from '../util/yaml-text.js';
import { describePath, describeProblems, type Locate, validate } from '../util/validation.js';
import { parseCalendar } from '../rounds/calendar.js';
import type { YamlKept } from '../util/yaml-kept.js';
import { checkPathsInsideBatch } from './batch-paths.js';
import { batchSchema, STANDARD_GROUPS } from './batch-schema.js';

export const BATCH_FILE = 'batch.yaml';

/**
 * Read and validate `<dir>/batch.yaml`. With `kept`, a text parsed before is not parsed again (its
 * data is validated as always; a problem is then reported from a fresh parse, with its line).
 * Throws CchcError (exit 3) naming the file, line and field.
 */
export async function loadBatch(dir: string, kept?: YamlKept): Promise<Batch> {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    // batch.yaml itself given, a common slip: say which folder to give.
    if (existsSync(root) && path.basename(root) === BATCH_FILE) {
      throw new CchcError(`${root} là tệp ${BATCH_FILE}; hãy cho thư mục chứa nó: ${path.dirname(root)}`);
    }
    throw new CchcError(`${existsSync(root) ? `${root} là một tệp, không phải thư mục đợt thẩm định` : `Không tìm thấy thư mục đợt thẩm định: ${root}`}`);
  }
  const file = path.join(root, BATCH_FILE);
  if (!existsSync(file)) {
    throw new CchcError(`Thư mục ${root} không có tệp ${BATCH_FILE}: đây không phải một đợt thẩm định.`);
  }
  let text: string;
  try {
    text = nfc(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CchcError(`Không đọc được tệp ${file} (${describeFsError(error)}).`);
  }
  // Nothing but blanks and comments: a YAML document of null, which the schema would call "null".
  if (/^(?:\s*(?:#.*)?(?:\r?\n|$))*$/u.test(text.replace(/^\uFEFF/u, ''))) {
    throw new CchcError(`Tệp ${file} rỗng (không có nội dung nào ngoài dòng trống hoặc chú thích): cần khai báo tỉnh, năm, đơn vị… (xem README, mục batch.yaml).`);
  }
  const known = kept ? await kept.get(text) : undefined;
  if (known !== undefined) {
    try {
      return await checkedBatch(parseBatch(known, root, file), file, () => null);
    } catch {
      // Said again below with the line and column of each problem.
    }
  }
  const { doc, lines, data } = await parseYamlText(text, file);
  // The YAML library is loaded only when a text has to be parsed (parseYamlText loaded it).
  const { isNode } = await import('yaml');
  const locate = locateIn(doc, lines, isNode);
  const batch = await checkedBatch(parseBatch(data, root, file, locate), file, locate);
  kept?.keep(text, data);
  return batch;
}

/** The checks batch.yaml's paths need beyond its schema: inside the batch folder, templates a folder. */
async function checkedBatch(batch: Batch, file: string, locate: Locate): Promise<Batch> {
  await checkPathsInsideBatch(batch, file);
  if (batch.templates) await checkTemplatesFolder(batch.templates, file, locate(['templates']));
  return batch;
}

/**
 * A batch's own templates folder must exist: a mistyped name must not quietly give the bundled prose
 * (the secretariat would sign minutes worded as it did not write them).
 */
async function checkTemplatesFolder(folder: string, file: string, where: string | null): Promise<void> {
  const info = await stat(folder).catch((error: unknown) => error as NodeJS.ErrnoException);
  if (info instanceof Error || !info.isDirectory()) {
    const why = info instanceof Error ? (info.code === 'ENOENT' ? 'không tồn tại' : describeFsError(info)) : 'không phải thư mục';
    throw new CchcError(`${file}${where ? `, ${where}` : ''}: templates: thư mục mẫu văn bản ${folder} ${why}. `
      + 'Sửa đường dẫn, hoặc bỏ dòng templates để dùng mẫu có sẵn của phần mềm.');
  }
}

/** Line and column of a path in the parsed file: the node itself, or its nearest parent that exists. */
function locateIn(doc: Yaml.Document, lines: Yaml.LineCounter, isNode: typeof Yaml.isNode): Locate {
  return (keys) => {
    for (let n = keys.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) {
        const at = lines.linePos(node.range[0]);
        return `dòng ${at.line}, cột ${at.col}`;
      }
    }
    return null;
  };
}

export function parseBatch(data: unknown, root: string, file = path.join(root, BATCH_FILE), locate?: Locate): Batch {
  const checked = validate(batchSchema, data);
  if (!checked.ok) throw new CchcError(`Tệp đợt thẩm định không hợp lệ:\n${describeProblems(file, checked.problems, locate)}`);
  const input = checked.value;
  const problems: string[] = [];
  const at = (keys: PropertyKey[]) => {
    const where = locate?.(keys);
    return `${where ? `${where}: ` : ''}${describePath(keys)}`;
  };

  const groups: UnitGroup[] = (input.groups ?? STANDARD_GROUPS.map((g) => ({ ...g }))).map((g, i) => {
    const framework = ('framework' in g ? g.framework : undefined) ?? input.framework;
    if (!framework) problems.push(`${at(['groups', i])}: nhóm ${g.code} chưa có bộ chỉ số (framework) và batch.yaml không có framework chung`);
    return { code: g.code, name: g.name, framework: framework ?? '' };
  });
  const groupCodes = new Set(groups.map((g) => g.code));

  const seen = new Set<string>();
  // Two units of one group with one name would stand twice, indistinguishable, in the decision's annex.
  const named = new Map<string, { code: string; i: number }>();
  input.units.forEach((u, i) => {
    if (seen.has(u.code)) problems.push(`${at(['units', i])}: mã đơn vị ${u.code} bị trùng`);
    seen.add(u.code);
    const key = `${u.group}\u0000${foldVietnamese(u.name).replace(/\s+/gu, ' ').trim()}`;
    const same = named.get(key);
    if (same && same.code !== u.code) {
      problems.push(`${at(['units', i, 'name'])}: tên đơn vị "${u.name}" (${u.code}) trùng với đơn vị ${same.code} (đơn vị thứ ${same.i + 1}) cùng nhóm; hai đơn vị cùng tên không phân biệt được trong phụ lục quyết định công bố`);
    } else named.set(key, { code: u.code, i });
    if (!groupCodes.has(u.group)) {
      problems.push(`${at(['units', i, 'group'])}: nhóm "${u.group}" của đơn vị ${u.code} không có trong danh sách nhóm (${[...groupCodes].join(', ')})`);
    }
  });
  if (input.dataWindow.from > input.dataWindow.to) {
    problems.push(`${at(['dataWindow'])}: ngày bắt đầu ${input.dataWindow.from} sau ngày kết thúc ${input.dataWindow.to}`);
  }
  const rounds = input.rounds ? parseCalendar(input.rounds, (f) => path.resolve(root, f), problems) : [];
  if (problems.length > 0) {
    throw new CchcError(`Tệp đợt thẩm định không hợp lệ:\n${problems.map((p) => `${file}, ${p}`).join('\n')}`);
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
