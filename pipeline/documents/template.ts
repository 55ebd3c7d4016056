// The prose of the official documents lives in handlebars templates the secretariat edits
// (templates/*.hbs). A template is split into named sections (`=== name ===` lines) before it is
// rendered, so no value can open a section; each rendered line is one paragraph; `<b>`, `<i>`
// and `<u>` are the only markup. Values are HTML-escaped by handlebars, so a value can never
// open a tag, and flattened to one line, so it can never start a paragraph.
import { readFile } from 'node:fs/promises';
import Handlebars from 'handlebars';
import { CchcError } from '../util/errors.js';
import { describeFsError } from '../util/fs-errors.js';
import { documentText, formatScore, nfc, stripControlChars } from '../util/text.js';
import { longDate, shortDate, upper } from './vn-format.js';

/** A stretch of text with one formatting. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** One paragraph: its runs in order. */
export type Line = Run[];

/** A template split into sections, each compiled, ready to render with a view. */
export interface DocumentTemplate {
  file: string;
  render(section: string, view: unknown): Line[];
  has(section: string): boolean;
}

const SECTION_MARK = /^===\s*([a-z0-9][a-z0-9-]*)\s*===\s*$/u;

const engine = Handlebars.create();
engine.registerHelper('diem', (value: unknown) => (typeof value === 'number' ? formatScore(value) : ''));
engine.registerHelper('ngay', (value: unknown) => (typeof value === 'string' ? longDate(value) : ''));
engine.registerHelper('ngayNgan', (value: unknown) => (typeof value === 'string' ? shortDate(value) : ''));
engine.registerHelper('hoa', (value: unknown) => (typeof value === 'string' ? upper(value) : ''));

/**
 * Handlebars' strict mode does not reach block helpers' arguments: `{{#each thanhVienn}}` over a name the
 * view lacks would print nothing and stop no one. `each` and `with` therefore refuse `undefined` (a
 * list that is merely empty is `[]` in every view), naming the place; `render` names the argument.
 */
class MissingBlockValue extends Error {
  constructor(readonly place: string) {
    super(`missing block value at ${place}`);
  }
}
type BlockOptions = { loc?: { start: { line: number; column: number } } };
for (const name of ['each', 'with'] as const) {
  const builtIn = engine.helpers[name] as (this: unknown, value: unknown, options: BlockOptions) => unknown;
  engine.registerHelper(name, function (this: unknown, value: unknown, options: BlockOptions) {
    if (value === undefined && options?.loc) throw new MissingBlockValue(`${options.loc.start.line}:${options.loc.start.column}`);
    return builtIn.call(this, value, options);
  });
}

/** `line:column` of every `{{#each …}}`/`{{#with …}}` in a section → the argument as written. */
function blockArguments(body: string): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const n = node as { type?: string; path?: { original?: string }; params?: Array<{ original?: unknown }>; loc?: BlockOptions['loc'] };
    if (n.type === 'BlockStatement' && (n.path?.original === 'each' || n.path?.original === 'with') && n.loc) {
      found.set(`${n.loc.start.line}:${n.loc.start.column}`, String(n.params?.[0]?.original ?? ''));
    }
    for (const [key, inner] of Object.entries(n)) if (key !== 'loc') visit(inner);
  };
  visit(Handlebars.parse(body));
  return found;
}

export { templatePath } from './context.js';

export async function loadTemplate(file: string, sections: readonly string[]): Promise<DocumentTemplate> {
  let source: string;
  try {
    source = nfc(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CchcError(`Không đọc được mẫu văn bản ${file} (${describeFsError(error)}).`);
  }
  return parseTemplate(source, file, sections);
}

/** Split, check and compile a template. `sections` lists every section the document places. */
export function parseTemplate(source: string, file: string, sections: readonly string[]): DocumentTemplate {
  const code = source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/gu, '');
  if (/\{\{~?\{|\{\{~?\s*&/u.test(code)) {
    throw new CchcError(
      `Mẫu văn bản ${file}: không dùng {{{ }}} hoặc {{& }} (chèn giá trị không thoát ký tự); hãy dùng {{ }}.`,
    );
  }
  const bodies = new Map<string, string[]>();
  /** 1-based line in the file of each section's first body line, to name places in the file. */
  const firstLine = new Map<string, number>();
  let current: string[] | null = null;
  for (const [i, line] of source.split(/\r?\n/u).entries()) {
    const mark = SECTION_MARK.exec(line);
    if (mark) {
      const name = mark[1] ?? '';
      if (!sections.includes(name)) {
        throw new CchcError(`Mẫu văn bản ${file}: phần "${name}" không có trong văn bản này (các phần: ${sections.join(', ')}).`);
      }
      if (bodies.has(name)) throw new CchcError(`Mẫu văn bản ${file}: phần "${name}" xuất hiện hai lần.`);
      current = [];
      bodies.set(name, current);
      firstLine.set(name, i + 2);
    } else if (current) {
      current.push(line);
    }
  }
  const missing = sections.filter((s) => !bodies.has(s));
  if (missing.length > 0) {
    throw new CchcError(`Mẫu văn bản ${file}: thiếu phần ${missing.map((m) => `"=== ${m} ==="`).join(', ')}.`);
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const blocks = new Map<string, Map<string, string>>();
  for (const [name, lines] of bodies) {
    const body = lines.join('\n');
    try {
      // Compiled now, not at the first render: a syntax error stops the run before any output.
      engine.precompile(body, { strict: true });
      compiled.set(name, engine.compile(body, { strict: true }));
      blocks.set(name, blockArguments(body));
    } catch (error) {
      throw new CchcError(`Mẫu văn bản ${file}, phần "${name}": ${describeTemplateError(error, firstLine.get(name) ?? 1)}`);
    }
  }
  return {
    file,
    has: (section) => compiled.has(section),
    render(section, view) {
      const template = compiled.get(section);
      if (!template) throw new Error(`template ${file} has no section ${section}`);
      let output: string;
      try {
        output = template(sanitiseView(view));
      } catch (error) {
        if (error instanceof MissingBlockValue) {
          const [line = 1, column = 0] = error.place.split(':').map(Number);
          const name = blocks.get(section)?.get(error.place) ?? '?';
          throw new CchcError(
            `Mẫu văn bản ${file}, phần "${section}": dòng ${(firstLine.get(section) ?? 1) + line - 1}, cột ${column + 1}: ` +
              `không có danh sách hay giá trị tên "${name}" (các tên dùng được: xem templates/README.md).`,
          );
        }
        throw new CchcError(`Mẫu văn bản ${file}, phần "${section}": ${describeTemplateError(error, firstLine.get(section) ?? 1)}`);
      }
      return output
        .split('\n')
        .map((line) => parseMarkup(line.trim()))
        .filter((runs) => runs.length > 0);
    },
  };
}

/**
 * A Handlebars error in Vietnamese, with the line in the template file (`firstLine`: the file line of
 * the section's first body line) and the column. Handlebars' own English never reaches the user.
 */
export function describeTemplateError(error: unknown, firstLine: number): string {
  const message = (error as Error)?.message ?? String(error);
  const fileLine = (line: number) => firstLine + line - 1;
  const parse = /^Parse error on line (\d+):\n(.*)\n-*\^\n.*got '([A-Z_]+)'/su.exec(message);
  if (parse) {
    const got = parse[3];
    const near = (parse[2] ?? '').trim();
    if (got === 'EOF') return `đến hết phần (dòng ${fileLine(Number(parse[1]))}) vẫn thiếu {{/…}} đóng khối hoặc thiếu }}, gần "${near}".`;
    const hint = got === 'INVALID' ? 'thiếu }} hoặc có ký tự không hợp lệ trong {{ }}' : 'viết sai trong {{ }}';
    return `dòng ${fileLine(Number(parse[1]))}: sai cú pháp mẫu (${hint}), gần "${near}".`;
  }
  const mismatch = /^(\S+) doesn't match (\S+) - (\d+):(\d+)/u.exec(message);
  if (mismatch) return `dòng ${fileLine(Number(mismatch[3]))}, cột ${Number(mismatch[4]) + 1}: khối {{#${mismatch[1]}}} lại đóng bằng {{/${mismatch[2]}}}.`;
  const unknown = /^"(.+)" not defined in .* - (\d+):(\d+)/u.exec(message);
  if (unknown) return `dòng ${fileLine(Number(unknown[2]))}, cột ${Number(unknown[3]) + 1}: không có giá trị tên "${unknown[1]}" (các tên dùng được: xem templates/README.md).`;
  const partial = /^The partial (.+) could not be found/u.exec(message);
  if (partial) return `không dùng được mẫu con {{> ${partial[1]}}} (mẫu văn bản không có mẫu con).`;
  const helper = /^Missing helper: "(.+)"/u.exec(message);
  if (helper) return `không có hàm "${helper[1]}" (các hàm dùng được: diem, ngay, ngayNgan, hoa, if, unless, each, with).`;
  if (/^Must pass iterator to #each/u.test(message)) return '{{#each}} cần tên một danh sách, ví dụ {{#each thanhVien}}.';
  return 'mẫu có lỗi cú pháp {{ }}; hãy so với mẫu có sẵn trong thư mục templates/ của phần mềm.';
}

/**
 * Every string a template can print: NFC, no control characters Word rejects, no line breaks
 * (a value must not start a paragraph of its own). Runs of spaces stay: blanks such as
 * `Số:      /QĐ-UBND` are meant.
 */
export function sanitiseView(value: unknown): unknown {
  if (typeof value === 'string') return cleanValue(value);
  if (Array.isArray(value)) return value.map(sanitiseView);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = sanitiseView(inner);
    return out;
  }
  return value;
}

export function cleanValue(value: string): string {
  return documentText(nfc(value).replace(/[\t\r\n\u0085\u2028\u2029]+/gu, ' '));
}

const TAG = /<(\/?)([biu])>/gu;
const ENTITIES: Record<string, string> = {
  '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x60;': '`', '&#x3D;': '=',
};

/** `<b>Điều 1.</b> Công bố…` → runs. Text outside the three tags is literal; entities are decoded. */
export function parseMarkup(line: string): Run[] {
  const runs: Run[] = [];
  const state = { b: 0, i: 0, u: 0 };
  let last = 0;
  const push = (raw: string) => {
    const text = stripControlChars(raw.replace(/&(?:amp|lt|gt|quot|#x27|#x60|#x3D);/gu, (e) => ENTITIES[e] ?? e));
    if (text === '') return;
    const run: Run = { text };
    if (state.b > 0) run.bold = true;
    if (state.i > 0) run.italic = true;
    if (state.u > 0) run.underline = true;
    const prev = runs[runs.length - 1];
    if (prev && prev.bold === run.bold && prev.italic === run.italic && prev.underline === run.underline) prev.text += text;
    else runs.push(run);
  };
  for (const match of line.matchAll(TAG)) {
    push(line.slice(last, match.index));
    const key = match[2] as 'b' | 'i' | 'u';
    state[key] = match[1] ? Math.max(0, state[key] - 1) : state[key] + 1;
    last = match.index + match[0].length;
  }
  push(line.slice(last));
  return runs.filter((r) => r.text.trim() !== '' || runs.length > 1);
}

/** Plain text of rendered lines, for single-line slots. */
export function plainText(lines: Line[]): string {
  return lines.map((l) => l.map((r) => r.text).join('')).join(' ');
}
