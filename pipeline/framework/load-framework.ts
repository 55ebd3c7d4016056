// Load a framework by bundled name or path, validate it, and derive maxima.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Area, Criterion, FigureScale, Framework } from '../model.js';
import { checkFigureScale } from './figure.js';
import { CchcError } from '../util/errors.js';
import { describeFsError } from '../util/fs-errors.js';
import { parseYamlText } from '../util/yaml-text.js';
import { packageRoot } from '../util/package-root.js';
import { nfc, roundScore } from '../util/text.js';
import { describeProblems, validate } from '../util/validation.js';
import { frameworkSchema, type CriterionInput } from './framework-schema.js';
import { DOCUMENT_TYPES } from '../rules/describe.js';
import { resolveRuleSettings } from './rule-settings.js';
import type { YamlKept } from '../util/yaml-kept.js';

export function bundledFrameworksDir(): string {
  return path.join(packageRoot(), 'frameworks');
}

export async function listBundledFrameworks(): Promise<string[]> {
  const files = await readdir(bundledFrameworksDir());
  return files.filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
}

/** True when a framework reference is a path to a YAML file, not a bundled name. */
export function frameworkRefIsPath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || /\.ya?ml$/iu.test(ref);
}

/** A reference is a bundled name (`hung-yen-2021-so`) or a path to a YAML file, relative to `baseDir`. */
export function resolveFrameworkRef(ref: string, baseDir: string): string {
  if (frameworkRefIsPath(ref)) return path.resolve(baseDir, ref);
  return path.join(bundledFrameworksDir(), `${ref}.yaml`);
}

/**
 * Load and validate a framework (bundled name or path relative to `baseDir`). With `kept`, a text
 * parsed before is not parsed again; the data is validated as always. Throws CchcError (exit 3).
 */
export async function loadFramework(ref: string, baseDir: string, kept?: YamlKept): Promise<Framework> {
  const file = resolveFrameworkRef(ref, baseDir);
  if (!existsSync(file)) {
    const bundled = await listBundledFrameworks().catch(() => []);
    throw new CchcError(
      `Không tìm thấy bộ chỉ số "${ref}" (${file}). Các bộ chỉ số có sẵn: ${bundled.join(', ') || '(không có)'}.`,
    );
  }
  let text: string;
  try {
    text = nfc(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CchcError(`Bộ chỉ số ${file} không đọc được (${describeFsError(error)}).`);
  }
  let data = kept ? await kept.get(text) : undefined;
  // The YAML library is loaded only when a text has to be parsed.
  if (data === undefined) data = (await parseYamlText(text, file)).data;
  const framework = parseFramework(data, file);
  kept?.keep(text, data);
  return framework;
}

export function parseFramework(data: unknown, file: string): Framework {
  const checked = validate(frameworkSchema, data);
  if (!checked.ok) throw new CchcError(`Bộ chỉ số không hợp lệ:\n${describeProblems(file, checked.problems)}`);
  const input = checked.value;
  const problems: string[] = [];
  const seen = new Set<string>();

  const build = (c: CriterionInput, where: string): Criterion => {
    if (seen.has(c.code)) problems.push(`${where}: mã tiêu chí ${c.code} bị trùng`);
    seen.add(c.code);
    const children = c.children.map((child) => build(child, `${where} > ${child.code}`));
    let max = c.max;
    if (children.length > 0) {
      const sum = roundScore(children.reduce((s, k) => s + k.max, 0));
      if (max !== undefined && roundScore(max) !== sum) {
        problems.push(`${where}: điểm tối đa ${max} khác tổng các tiêu chí thành phần ${sum}`);
      }
      max = sum;
    }
    if (max === undefined) {
      problems.push(`${where}: thiếu điểm tối đa (max)`);
      max = 0;
    }
    const criterion: Criterion = { code: c.code, title: c.title, max, survey: c.survey, children };
    if (c.tieBreak) criterion.tieBreak = true;
    if (c.evidence) {
      criterion.evidence = { required: c.evidence.required, types: c.evidence.types, ownIssuer: c.evidence.ownIssuer };
      if (c.evidence.deadline !== undefined) criterion.evidence.deadline = c.evidence.deadline;
      if (c.evidence.lateScore !== undefined) criterion.evidence.lateScore = c.evidence.lateScore;
    }
    if (c.figure) {
      const figure: FigureScale = { unit: c.figure.unit, ratio: c.figure.ratio, brackets: [...c.figure.brackets].sort((a, b) => b.min - a.min) };
      if (c.figure.label) figure.label = c.figure.label;
      if (children.length > 0) problems.push(`${where}: figure chỉ dùng cho tiêu chí không có tiêu chí thành phần`);
      problems.push(...checkFigureScale(c.code, c.figure, max).map((p) => p.replace(/^tiêu chí [^:]+: /u, `${where}: `)));
      criterion.figure = figure;
    }
    return criterion;
  };

  const areas: Area[] = input.areas.map((a) => {
    const criteria = a.criteria.map((c) => build(c, `lĩnh vực ${a.code} > ${c.code}`));
    const area: Area = {
      code: a.code,
      title: a.title,
      kind: a.kind,
      max: roundScore(criteria.reduce((s, c) => s + c.max, 0)),
      criteria,
    };
    if (a.appraiser) area.appraiser = a.appraiser;
    return area;
  });

  const total = roundScore(areas.reduce((s, a) => s + a.max, 0));
  if (total !== input.scoring.scale) {
    problems.push(`tổng điểm tối đa các lĩnh vực là ${total}, khác thang điểm ${input.scoring.scale}`);
  }
  const bands = [...input.scoring.bands].sort((x, y) => y.min - x.min);
  const labels = new Set(bands.map((b) => b.label));
  for (const from of input.scoring.downgrade?.from ?? []) {
    if (!labels.has(from)) problems.push(`scoring.downgrade.from: không có xếp loại "${from}"`);
  }
  for (const code of input.scoring.downgrade?.areas ?? []) {
    if (!areas.some((a) => a.code === code)) problems.push(`scoring.downgrade.areas: không có lĩnh vực ${code}`);
  }
  if (labels.size !== bands.length) problems.push('scoring.bands: có xếp loại bị trùng tên');
  if (!bands.some((b) => b.min <= 0)) problems.push('scoring.bands: cần một xếp loại thấp nhất có min: 0');
  const all = new Map(allCriteria({ areas }).map(({ criterion }) => [criterion.code, criterion]));
  const rules = resolveRuleSettings(input.rules as Record<string, Record<string, unknown>>, problems);
  for (const [id, setting] of Object.entries(rules)) {
    for (const key of ['exempt', 'allowed'] as const) {
      const codes = setting[key];
      if (!Array.isArray(codes)) continue;
      for (const code of codes as string[]) {
        if (!all.has(code)) problems.push(`rules.${id}.${key}: không có tiêu chí ${code}`);
      }
    }
  }
  for (const c of all.values()) {
    const e = c.evidence;
    if (e?.lateScore !== undefined && e.lateScore > c.max) problems.push(`tiêu chí ${c.code}: lateScore ${e.lateScore} lớn hơn điểm tối đa ${c.max}`);
    if (e?.lateScore !== undefined && !e.deadline) problems.push(`tiêu chí ${c.code}: có lateScore nhưng không có deadline`);
    if (c.survey && c.children.length === 0 && e) problems.push(`tiêu chí ${c.code}: tiêu chí điều tra xã hội học không có tài liệu kiểm chứng (bỏ evidence)`);
    for (const type of e?.types ?? []) {
      if (!DOCUMENT_TYPES.includes(type)) problems.push(`tiêu chí ${c.code}: loại văn bản "${type}" không có trong Phụ lục III Nghị định 30/2020/NĐ-CP (dùng CV cho công văn)`);
    }
  }
  if (problems.length > 0) {
    throw new CchcError(`Bộ chỉ số không hợp lệ:\n${problems.map((p) => `${file}: ${p}`).join('\n')}`);
  }

  const framework: Framework = {
    id: input.id,
    name: input.name,
    province: input.province,
    level: input.level,
    areas,
    scoring: {
      scale: input.scoring.scale,
      bands,
      bonusMax: input.scoring.bonusMax,
      penaltyMax: input.scoring.penaltyMax,
      normaliseAdjustments: input.scoring.normaliseAdjustments,
      ...(input.scoring.assumed ? { assumed: nfc(input.scoring.assumed) } : {}),
    },
    rules,
  };
  if (input.dataWindow) {
    framework.dataWindow = { from: input.dataWindow.from, fromPreviousYear: input.dataWindow.fromPreviousYear, to: input.dataWindow.to };
    if (input.dataWindow.cutoff) framework.dataWindow.cutoff = input.dataWindow.cutoff;
  }
  if (input.year !== undefined) framework.year = input.year;
  if (input.source !== undefined) framework.source = input.source;
  if (input.scoring.downgrade) framework.scoring.downgrade = input.scoring.downgrade;
  return framework;
}

/** Leaves are what units score: criteria without sub-criteria. */
export function leafCriteria(framework: Framework): Array<{ criterion: Criterion; area: Area }> {
  return allCriteria(framework)
    .filter(({ criterion }) => criterion.children.length === 0)
    .map(({ criterion, area }) => ({ criterion, area }));
}

/** Every criterion, parents before children, in framework order. */
export function allCriteria(framework: Pick<Framework, 'areas'>): Array<{ criterion: Criterion; area: Area; depth: number }> {
  const out: Array<{ criterion: Criterion; area: Area; depth: number }> = [];
  const walk = (c: Criterion, area: Area, depth: number) => {
    out.push({ criterion: c, area, depth });
    for (const child of c.children) walk(child, area, depth + 1);
  };
  for (const area of framework.areas) for (const c of area.criteria) walk(c, area, 0);
  return out;
}
