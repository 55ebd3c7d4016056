// PDF content-stream syntax, as far as the reader needs it: tokens, and operators with their
// operands. Shared by the annotation-appearance reader and the page-image fast path.

/** Operators that change no pixels: allowed around a picture. */
export const STATE_OPERATORS = new Set(['q', 'Q', 'cm', 'w', 'J', 'j', 'M', 'd', 'ri', 'i', 'gs', 'g', 'G', 'rg', 'RG', 'k', 'K', 'cs', 'CS', 'sc', 'scn', 'SC', 'SCN']);

/** What a backslash stands for in a literal string `(…)`, besides octal codes. */
const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };

/**
 * The byte a backslash escape at `at` in a literal string stands for, and how many characters it
 * spans (the backslash included); null for an escape PDF does not define, left to the caller.
 */
export function literalEscape(text: string, at: number): { byte: number; length: number } | null {
  const next = text.charAt(at + 1);
  if (next in ESCAPES) return { byte: ESCAPES[next] ?? 0, length: 2 };
  if (/[0-7]/u.test(next)) {
    const octal = /^[0-7]{1,3}/u.exec(text.slice(at + 1))?.[0] ?? '0';
    return { byte: Number.parseInt(octal, 8) & 0xff, length: 1 + octal.length };
  }
  return null;
}

export interface Token {
  kind: 'number' | 'name' | 'string' | 'op' | 'other';
  value: string;
  bytes?: Uint8Array;
}

/** Content-stream tokens; strings come with their bytes (literal escapes and hex decoded). */
export function* tokenize(content: string): Generator<Token> {
  let i = 0;
  while (i < content.length) {
    const ch = content.charAt(i);
    if (/\s/u.test(ch)) {
      i += 1;
    } else if (ch === '%') {
      while (i < content.length && content.charAt(i) !== '\n' && content.charAt(i) !== '\r') i += 1;
    } else if (ch === '(') {
      const bytes: number[] = [];
      let depth = 1;
      i += 1;
      while (i < content.length && depth > 0) {
        const c = content.charAt(i);
        if (c === '\\') {
          const escape = literalEscape(content, i);
          if (escape) {
            bytes.push(escape.byte);
            i += escape.length;
          } else i += 2;
          continue;
        }
        if (c === '(') depth += 1;
        if (c === ')') depth -= 1;
        if (depth > 0) bytes.push(content.charCodeAt(i) & 0xff);
        i += 1;
      }
      yield { kind: 'string', value: '', bytes: Uint8Array.from(bytes) };
    } else if (ch === '<' && content.charAt(i + 1) !== '<') {
      const end = content.indexOf('>', i);
      const hex = content.slice(i + 1, end < 0 ? content.length : end).replace(/\s+/gu, '');
      const padded = hex.length % 2 ? `${hex}0` : hex;
      yield { kind: 'string', value: '', bytes: Uint8Array.from(Buffer.from(padded, 'hex')) };
      i = end < 0 ? content.length : end + 1;
    } else if (ch === '[' || ch === ']' || ch === '{' || ch === '}') {
      i += 1;
    } else if (ch === '<' || ch === '>') {
      i += 2;
    } else if (ch === '/') {
      const m = /^\/[^\s/<>[\]()%{}]*/u.exec(content.slice(i))?.[0] ?? '/';
      yield { kind: 'name', value: m.slice(1) };
      i += m.length;
    } else {
      const m = /^[^\s/<>[\]()%{}]+/u.exec(content.slice(i))?.[0] ?? ch;
      yield { kind: /^[-+]?(?:\d+\.?\d*|\.\d+)$/u.test(m) ? 'number' : 'op', value: m };
      i += m.length;
    }
  }
}

/** One operator of a content stream with the operands before it. */
export interface Operation {
  op: string;
  operands: Token[];
}

/** The stream's operators in order, each with its operands. */
export function* operations(content: string): Generator<Operation> {
  let operands: Token[] = [];
  for (const token of tokenize(content)) {
    if (token.kind !== 'op') {
      operands.push(token);
      continue;
    }
    yield { op: token.value, operands };
    operands = [];
  }
}
