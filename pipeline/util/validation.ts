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

export interface ValidationProblem {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: ValidationProblem[] };

export function validate<S extends z.ZodType>(schema: S, data: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
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

export function describeProblems(file: string, problems: ValidationProblem[]): string {
  return problems.map((p) => `${file}: ${p.path}: ${p.message}`).join('\n');
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
