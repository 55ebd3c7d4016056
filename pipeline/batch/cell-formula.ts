// A formula cell saved without its result (a workbook written by a script, or by a program that does
// not store computed values) reads as empty to every library. The simple ones people type in a
// self-assessment table — sums and constants — are computed here; anything else is reported by the
// caller, with the sheet and the cell address, so the unit can re-save the file in Excel.

/** A referenced cell's value: a number, blank (counts as 0), or something a sum cannot use. */
export type CellLookup = (sheet: string | null, address: string) => number | null | 'invalid';

/**
 * The value of `formula` (without the leading `=`), or null when it is not one of: numbers,
 * cell references (`E5`, `$E$5`, `'Tự đánh giá'!E5`), `+ - * /`, parentheses and `SUM(...)` over
 * cells, ranges (`E5:E9`) and expressions. A referenced cell that is text or an error also gives null.
 */
export function evaluateFormula(formula: string, lookup: CellLookup): number | null {
  try {
    const parser = new Parser(formula.replace(/^=/u, ''), lookup);
    const value = parser.expression();
    parser.end();
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

class Unsupported extends Error {}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|((?:'[^']+'|[\p{L}\p{N}_.]+)!)?(\$?[A-Z]{1,3}\$?\d{1,7})(?::(\$?[A-Z]{1,3}\$?\d{1,7}))?|([A-Za-z]+)\s*\(|([-+*/(),;]))/uy;

class Parser {
  #pos = 0;

  constructor(
    private readonly text: string,
    private readonly lookup: CellLookup,
  ) {}

  end(): void {
    if (this.text.slice(this.#pos).trim() !== '') throw new Unsupported();
  }

  expression(): number {
    let value = this.term();
    for (let op = this.peekOp(); op === '+' || op === '-'; op = this.peekOp()) {
      this.#pos = this.#next!.end;
      const right = this.term();
      value = op === '+' ? value + right : value - right;
    }
    return value;
  }

  term(): number {
    let value = this.factor();
    for (let op = this.peekOp(); op === '*' || op === '/'; op = this.peekOp()) {
      this.#pos = this.#next!.end;
      const right = this.factor();
      value = op === '*' ? value * right : value / right;
    }
    return value;
  }

  factor(): number {
    const token = this.read();
    if (token.op === '-') return -this.factor();
    if (token.op === '+') return this.factor();
    if (token.op === '(') {
      const value = this.expression();
      if (this.read().op !== ')') throw new Unsupported();
      return value;
    }
    if (token.number !== undefined) return token.number;
    if (token.cell) {
      if (token.to) throw new Unsupported();
      return this.cell(token.sheet, token.cell);
    }
    if (token.fn === 'SUM') return this.sum();
    throw new Unsupported();
  }

  sum(): number {
    let total = 0;
    if (this.peekOp() === ')') {
      this.#pos = this.#next!.end;
      return 0;
    }
    for (;;) {
      const save = this.#pos;
      const token = this.read();
      if (token.cell && token.to) total += this.range(token.sheet, token.cell, token.to);
      else {
        this.#pos = save;
        total += this.expression();
      }
      const sep = this.read().op;
      if (sep === ')') return total;
      if (sep !== ',' && sep !== ';') throw new Unsupported();
    }
  }

  cell(sheet: string | null, address: string): number {
    const value = this.lookup(sheet, address.replace(/\$/gu, ''));
    if (value === 'invalid') throw new Unsupported();
    return value ?? 0;
  }

  range(sheet: string | null, from: string, to: string): number {
    const a = splitAddress(from);
    const b = splitAddress(to);
    let total = 0;
    const cells = (Math.abs(b.row - a.row) + 1) * (Math.abs(b.col - a.col) + 1);
    if (cells > 10_000) throw new Unsupported();
    for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++) {
      for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) {
        const value = this.lookup(sheet, `${columnLetters(c)}${r}`);
        // SUM skips text, as Excel does; an error cell makes the sum an error.
        if (typeof value === 'number') total += value;
      }
    }
    return total;
  }

  #next: { end: number; op?: string } | null = null;

  peekOp(): string | undefined {
    const save = this.#pos;
    const token = this.read();
    this.#next = { end: this.#pos, ...(token.op ? { op: token.op } : {}) };
    this.#pos = save;
    return token.op;
  }

  read(): { number?: number; sheet: string | null; cell?: string; to?: string; fn?: string; op?: string } {
    TOKEN.lastIndex = this.#pos;
    const m = TOKEN.exec(this.text);
    if (!m) {
      if (this.text.slice(this.#pos).trim() === '') return { sheet: null, op: '' };
      throw new Unsupported();
    }
    this.#pos = TOKEN.lastIndex;
    const sheet = m[2] ? m[2].slice(0, -1).replace(/^'(.*)'$/u, '$1') : null;
    if (m[1] !== undefined) return { number: Number(m[1]), sheet };
    if (m[3] !== undefined) return { sheet, cell: m[3], ...(m[4] ? { to: m[4] } : {}) };
    if (m[5] !== undefined) return { sheet, fn: m[5].toUpperCase() };
    return { sheet, op: m[6] ?? '' };
  }
}

function splitAddress(address: string): { col: number; row: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/u.exec(address);
  if (!m) throw new Unsupported();
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(m[2]) };
}

function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
