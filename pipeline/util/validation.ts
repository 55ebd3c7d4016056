// Schema validation with Vietnamese messages that name the file and the place in it.
import { z } from 'zod';

z.config(z.locales.vi());

/** `units[2].code` style path. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(gốc)';
}

/** What an item of a list is called, for 1-based positions a person can find (`đơn vị thứ 2`). */
const ITEM_NOUNS: Record<string, string> = {
  units: 'đơn vị', groups: 'nhóm', members: 'thành viên', bases: 'căn cứ', recipients: 'nơi nhận', prefixes: 'dòng',
  areas: 'lĩnh vực', criteria: 'tiêu chí', rounds: 'vòng', children: 'tiêu chí thành phần', bands: 'mức xếp loại', issuerCodes: 'mã',
};

/**
 * A place in a YAML file as a clerk reads it: `units › đơn vị thứ 2 › code` for `units[1].code`;
 * list positions are 1-based and named by what the list holds.
 */
export function describePath(path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  path.forEach((key, i) => {
    if (typeof key === 'number') {
      const list = path[i - 1];
      parts.push(`${(typeof list === 'string' && ITEM_NOUNS[list]) || 'mục'} thứ ${key + 1}`);
    } else parts.push(String(key));
  });
  return parts.join(' › ') || '(gốc)';
}

export interface ValidationProblem {
  path: string;
  /** The path as keys, to find the place in the source file. */
  keys: PropertyKey[];
  message: string;
}

/** `dòng 12, cột 5` of a place in the source file, or null when unknown. */
export type Locate = (keys: ReadonlyArray<PropertyKey>) => string | null;

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: ValidationProblem[] };

export function validate<S extends z.ZodType>(schema: S, data: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: describePath(issue.path),
      // An unknown key is found where it is written, not where its parent starts.
      keys: issue.code === 'unrecognized_keys' && issue.keys.length > 0 ? [...issue.path, issue.keys[0]!] : [...issue.path],
      message: friendlier(issue.message),
    })),
  };
}

/** zod's Vietnamese locale speaks of JS types; say what a person filling a file would say. */
function friendlier(message: string): string {
  if (/nhận được undefined$/u.test(message)) {
    if (message.includes('mong đợi array')) return 'thiếu danh sách bắt buộc';
    if (message.includes('mong đợi object')) return 'thiếu mục bắt buộc';
    return 'thiếu giá trị bắt buộc';
  }
  return message
    .replace(/\bstring\b/gu, 'chuỗi ký tự')
    .replace(/\bnumber\b/gu, 'số')
    .replace(/\barray\b/gu, 'danh sách')
    .replace(/\bobject\b/gu, 'mục');
}

/** One line per problem: `batch.yaml, dòng 12, cột 5: units › đơn vị thứ 2 › code: …`. */
export function describeProblems(file: string, problems: ValidationProblem[], locate?: Locate): string {
  return problems.map((p) => {
    const at = locate?.(p.keys);
    return `${file}${at ? `, ${at}` : ''}: ${p.path}: ${p.message}`;
  }).join('\n');
}

/** A `YYYY-MM-DD` date that exists on the calendar. YAML may give a Date object. */
export const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/u, { message: 'ngày phải có dạng YYYY-MM-DD' })
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      message: 'ngày không có thật trên lịch',
    }),
);
