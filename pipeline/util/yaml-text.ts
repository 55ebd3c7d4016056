// YAML files people write (batch.yaml, frameworks): parsed with the `yaml` library, its problems said
// in Vietnamese with the line and column, never its English messages.
import type { Alias, Document, ErrorCode, LineCounter, YAMLError } from 'yaml';
import { CchcError } from './errors.js';

/** Every error code of the `yaml` library, as a person fixing the file would say it. */
const PROBLEMS: Record<ErrorCode, string> = {
  ALIAS_PROPS: 'bí danh (*tên) không được có nhãn hoặc thẻ đi kèm',
  BAD_ALIAS: 'bí danh (*tên) không hợp lệ',
  BAD_DIRECTIVE: 'chỉ thị % không hợp lệ',
  BAD_DQ_ESCAPE: 'chuỗi trong dấu nháy kép có dấu \\ không hợp lệ; dùng dấu nháy đơn hoặc viết \\\\',
  BAD_INDENT: 'thụt lề không đúng',
  BAD_PROP_ORDER: 'nhãn (&) và thẻ (!) đặt sai thứ tự',
  BAD_SCALAR_START: 'giá trị bắt đầu bằng ký tự đặc biệt; cần đặt trong dấu nháy',
  BLOCK_AS_IMPLICIT_KEY: 'thiếu dấu hai chấm hoặc thụt lề không đúng',
  BLOCK_IN_FLOW: 'danh sách hoặc mục nhiều dòng đặt trong dấu [ ] hoặc { }',
  DUPLICATE_KEY: 'một mục được khai báo hai lần',
  IMPOSSIBLE: 'sai cú pháp YAML',
  KEY_OVER_1024_CHARS: 'tên mục dài quá 1024 ký tự',
  MISSING_CHAR: 'thiếu dấu đóng, ví dụ ] hoặc } hoặc dấu nháy',
  MULTILINE_IMPLICIT_KEY: 'tên mục trải trên nhiều dòng; thiếu dấu hai chấm',
  MULTIPLE_ANCHORS: 'một giá trị có hai nhãn (&)',
  MULTIPLE_DOCS: 'tệp có nhiều hơn một tài liệu (dòng ---); chỉ được có một',
  MULTIPLE_TAGS: 'một giá trị có hai thẻ (!)',
  NON_STRING_KEY: 'tên mục phải là chữ',
  RESOURCE_EXHAUSTION: 'bí danh (*tên) lặp lại quá nhiều lần',
  TAB_AS_INDENT: 'dùng phím Tab để thụt lề; cần dùng dấu cách',
  TAG_RESOLVE_FAILED: 'thẻ (!) không hợp lệ',
  UNEXPECTED_TOKEN: 'ký tự không đúng chỗ',
  BAD_COLLECTION_TYPE: 'kiểu danh sách hoặc mục không hợp lệ',
};

/** The Vietnamese phrase for one of the `yaml` library's problems (generic when the code is new). */
export function yamlProblem(error: Pick<YAMLError, 'code' | 'message'>): string {
  // An unclosed bracket is reported as a flow collection that must "end with a ]".
  if (/end with a [\]}]/u.test(error.message)) return PROBLEMS.MISSING_CHAR;
  return PROBLEMS[error.code] ?? 'sai cú pháp YAML';
}

export interface ParsedYaml {
  doc: Document;
  lines: LineCounter;
  /** The document as plain data. */
  data: unknown;
}

/**
 * Parse `text` (already NFC) from `file`. Throws a CchcError (exit 3) naming the file, the line and
 * column and the problem in Vietnamese: a syntax error, or an alias that cannot be resolved.
 */
export async function parseYamlText(text: string, file: string): Promise<ParsedYaml> {
  // The YAML library is loaded only when a text has to be parsed (a run's start-up stays short).
  const { LineCounter, parseDocument, visit } = await import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  // An unclosed bracket also upsets the indentation after it: name the bracket.
  const syntax = doc.errors.find((e) => e.code === 'MISSING_CHAR' || /end with a [\]}]/u.test(e.message)) ?? doc.errors[0];
  if (syntax) {
    const at = lines.linePos(syntax.pos[0]);
    throw new CchcError(`${file}, dòng ${at.line}, cột ${at.col}: không đọc được YAML (${yamlProblem(syntax)}).`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Only aliases fail here: one naming no anchor, or too many (a "billion laughs" file).
    if (/alias count|resource/iu.test((error as Error).message ?? '')) {
      throw new CchcError(`${file}: không đọc được YAML (${PROBLEMS.RESOURCE_EXHAUSTION}).`);
    }
    const lost = unresolvedAlias(doc, visit);
    const at = lost?.range ? lines.linePos(lost.range[0]) : null;
    throw new CchcError(`${file}${at ? `, dòng ${at.line}, cột ${at.col}` : ''}: không đọc được YAML (bí danh *${lost?.source ?? ''} không trỏ tới nhãn &${lost?.source ?? ''} nào đặt trước nó).`);
  }
  return { doc, lines, data };
}

function unresolvedAlias(doc: Document, visit: typeof import('yaml').visit): Alias | null {
  let found: Alias | null = null;
  visit(doc, {
    Alias(_, node) {
      if (!found && node.resolve(doc) === undefined) found = node;
    },
  });
  return found;
}
