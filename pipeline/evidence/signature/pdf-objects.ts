// A PDF's objects read straight from its bytes, revision by revision, parsing only what is asked
// for: the cross-reference sections (tables or streams, ISO 32000-1 §7.5.4, §7.5.8) say where each
// object of a revision is; an object is parsed when looked up (its stream data is skipped, never
// decoded, except object and cross-reference streams). This is what lets the objects an
// incremental update appends be compared with the signed revision's without loading the whole
// document once per revision.
//
// When a revision's cross-reference chain cannot be read (a wrong offset, a damaged table), its
// objects are found as a viewer repairing the file would: by scanning the bytes for `N G obj`, the
// last definition before the revision's end winning.
import { constants, inflateSync } from 'node:zlib';
import { unpredictPng } from '../png-predictor.js';

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfString {
  constructor(readonly bytes: Buffer) {}
}

export class PdfRef {
  constructor(readonly num: number, readonly gen: number) {}
}

export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue>) {}
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
  name(key: string): string | null {
    const value = this.entries.get(key);
    return value instanceof PdfName ? value.name : null;
  }
}

export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfValue[];

/** An indirect object as stored: its value (a stream's is its dictionary), the bytes that define it. */
export interface PdfObject {
  num: number;
  value: PdfValue;
  /** A stream: where its data lies in `source` (never decoded unless needed). */
  stream: { start: number; end: number } | null;
  /** The bytes of the object's definition (between `obj` and `endobj`, or its slice of an object stream). */
  body: Buffer;
}

/** Where a revision says an object is (ISO 32000-1 §7.5.8.3): free, at an offset, or inside an object stream. */
export type XrefEntry = { type: 0 } | { type: 1; offset: number } | { type: 2; stream: number; index: number };

export interface XrefSection {
  /** Offset of the section (`xref` keyword or the cross-reference stream's object). */
  at: number;
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
}

const WHITESPACE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;
const MAX_DEPTH = 64;

function isRegular(c: number | undefined): boolean {
  return c !== undefined && !WHITESPACE[c] && !DELIMITER[c];
}

/** A tokenizer and object parser over `bytes` (ISO 32000-1 §7.2–7.3). Throws `Error` on malformed input. */
export class PdfParser {
  constructor(readonly bytes: Buffer, public pos: number) {}

  skipSpace(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos] as number;
      if (WHITESPACE[c]) this.pos += 1;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos += 1;
      } else break;
    }
  }

  /** The next run of regular characters (a keyword or a number), without moving past it when `peek`. */
  keyword(peek = false): string {
    this.skipSpace();
    let end = this.pos;
    while (end < this.bytes.length && isRegular(this.bytes[end])) end += 1;
    const word = this.bytes.toString('latin1', this.pos, end);
    if (!peek) this.pos = end;
    return word;
  }

  integer(): number {
    const word = this.keyword();
    if (!/^[+-]?\d+$/u.test(word)) throw new Error(`expected an integer at ${this.pos}`);
    return Number(word);
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new Error('objects nested too deep');
    this.skipSpace();
    const b = this.bytes;
    const c = b[this.pos];
    if (c === undefined) throw new Error('unexpected end of file');
    if (c === 0x2f) return this.name();
    if (c === 0x28) return this.literalString();
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) return this.dict(depth);
      return this.hexString();
    }
    if (c === 0x5b) {
      this.pos += 1;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (this.pos >= b.length) throw new Error('unterminated array');
        if (b[this.pos] === 0x5d) {
          this.pos += 1;
          return items;
        }
        items.push(this.value(depth + 1));
      }
    }
    const word = this.keyword();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (/^[+-]?(?:\d+\.?\d*|\.\d+)$/u.test(word)) {
      const number = Number(word);
      if (/^\d+$/u.test(word)) {
        // `N G R`: an indirect reference.
        const save = this.pos;
        const gen = this.keyword();
        if (/^\d+$/u.test(gen) && this.keyword() === 'R') return new PdfRef(number, Number(gen));
        this.pos = save;
      }
      return number;
    }
    throw new Error(`unexpected "${word.slice(0, 20) || String.fromCharCode(c)}" at ${this.pos}`);
  }

  private name(): PdfName {
    const b = this.bytes;
    let end = this.pos + 1;
    while (end < b.length && isRegular(b[end])) end += 1;
    const raw = b.toString('latin1', this.pos + 1, end);
    this.pos = end;
    return new PdfName(raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/gu, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw);
  }

  private dict(depth: number): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    const b = this.bytes;
    for (;;) {
      this.skipSpace();
      if (this.pos >= b.length) throw new Error('unterminated dictionary');
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return new PdfDict(entries);
      }
      if (b[this.pos] !== 0x2f) throw new Error(`expected a name in a dictionary at ${this.pos}`);
      const key = this.name().name;
      entries.set(key, this.value(depth + 1));
    }
  }

  private hexString(): PdfString {
    const close = this.bytes.indexOf(0x3e, this.pos);
    if (close < 0) throw new Error('unterminated hex string');
    const hex = this.bytes.toString('latin1', this.pos + 1, close).replace(/[^0-9A-Fa-f]/gu, '');
    this.pos = close + 1;
    return new PdfString(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
  }

  private literalString(): PdfString {
    const b = this.bytes;
    const out: number[] = [];
    let nesting = 1;
    let k = this.pos + 1;
    while (k < b.length) {
      const c = b[k] as number;
      if (c === 0x5c) {
        const next = b[k + 1];
        k += 2;
        if (next === undefined) break;
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (simple[next] !== undefined) out.push(simple[next] as number);
        else if (next >= 0x30 && next <= 0x37) {
          let octal = next - 0x30;
          for (let n = 0; n < 2 && (b[k] ?? 0) >= 0x30 && (b[k] ?? 0) <= 0x37; n += 1, k += 1) octal = octal * 8 + ((b[k] as number) - 0x30);
          out.push(octal & 0xff);
        } else if (next === 0x0d) {
          if (b[k] === 0x0a) k += 1;
        } else if (next !== 0x0a) out.push(next);
        continue;
      }
      if (c === 0x28) nesting += 1;
      if (c === 0x29) {
        nesting -= 1;
        if (nesting === 0) {
          this.pos = k + 1;
          return new PdfString(Buffer.from(out));
        }
      }
      out.push(c);
      k += 1;
    }
    throw new Error('unterminated string');
  }
}

/** `N G obj` at `offset` (whitespace before it allowed): the object number, and where its value starts. */
function objectHeader(bytes: Buffer, offset: number): { num: number; gen: number; valueAt: number } | null {
  const parser = new PdfParser(bytes, offset);
  try {
    const num = parser.integer();
    const gen = parser.integer();
    if (parser.keyword() !== 'obj') return null;
    return { num, gen, valueAt: parser.pos };
  } catch {
    return null;
  }
}

/** Offsets of the `N G obj` headers that start in `bytes[from, to)`, per object number, in file order. */
export function headersIn(bytes: Buffer, from: number, to: number): Map<number, number[]> {
  const found = new Map<number, number[]>();
  const b = bytes;
  const digit = (k: number) => (b[k] as number) >= 0x30 && (b[k] as number) <= 0x39;
  for (let at = b.indexOf('obj', from, 'latin1'); at >= 0 && at < to + 32; at = b.indexOf('obj', at + 3, 'latin1')) {
    if (!WHITESPACE[b[at - 1] ?? 0x41] || isRegular(b[at + 3])) continue;
    let k = at - 1;
    while (k >= 0 && WHITESPACE[b[k] as number]) k -= 1;
    const genEnd = k + 1;
    while (k >= 0 && digit(k)) k -= 1;
    if (k + 1 === genEnd || k < 0 || !WHITESPACE[b[k] as number]) continue;
    while (k >= 0 && WHITESPACE[b[k] as number]) k -= 1;
    const numEnd = k + 1;
    while (k >= 0 && digit(k)) k -= 1;
    if (k + 1 === numEnd || (k >= 0 && isRegular(b[k]))) continue;
    const start = k + 1;
    if (start < from || start >= to) continue;
    const num = Number(b.toString('latin1', start, numEnd));
    const list = found.get(num) ?? [];
    list.push(start);
    found.set(num, list);
  }
  return found;
}

const ENDSTREAM = Buffer.from('endstream', 'latin1');
const ENDOBJ = Buffer.from('endobj', 'latin1');

/**
 * A PDF file's objects: its revisions' cross-reference chains, and the objects parsed on demand,
 * shared across revisions (an object unchanged by an update is parsed once).
 */
export class PdfObjects {
  private readonly sections = new Map<number, XrefSection | Error>();
  private readonly parsed = new Map<number, PdfObject | null>();
  private readonly objectStreams = new Map<number, Map<number, { value: PdfValue; body: Buffer }> | null>();
  private scanned: Map<number, number[]> | null = null;

  constructor(readonly bytes: Buffer) {}

  /** The revision that ends at `end` (just after its `%%EOF`): its objects as its cross-reference chain (or a repair scan) has them. */
  revision(end: number, repair = false): Revision {
    return new Revision(this, end, repair);
  }

  /** The cross-reference section at `at`, parsed once; an `Error` when it cannot be read. */
  section(at: number): XrefSection | Error {
    let section = this.sections.get(at);
    if (section === undefined) {
      try {
        section = this.readSection(at);
      } catch (error) {
        section = error instanceof Error ? error : new Error(String(error));
      }
      this.sections.set(at, section);
    }
    return section;
  }

  /** The object defined at `offset`, parsed once; null when no object `num` starts there. */
  objectAt(offset: number, num: number | null): PdfObject | null {
    let object = this.parsed.get(offset);
    if (object === undefined) {
      object = this.parseObject(offset);
      this.parsed.set(offset, object);
    }
    return object && (num === null || object.num === num) ? object : null;
  }

  /** Object `index` of the object stream `stream` (itself at `streamOffset`). */
  inObjectStream(streamObject: PdfObject, num: number, resolveLength: (value: PdfValue) => PdfValue): PdfObject | null {
    let contents = this.objectStreams.get(streamObject.body.byteOffset);
    if (contents === undefined) {
      contents = this.readObjectStream(streamObject, resolveLength);
      this.objectStreams.set(streamObject.body.byteOffset, contents);
    }
    const found = contents?.get(num);
    return found ? { num, value: found.value, stream: null, body: found.body } : null;
  }

  /** Offsets of every `N G obj` header in the whole file, per object number, in file order (the repair scan). */
  headers(): Map<number, number[]> {
    this.scanned ??= headersIn(this.bytes, 0, this.bytes.length);
    return this.scanned;
  }

  private readSection(at: number): XrefSection {
    const parser = new PdfParser(this.bytes, at);
    if (parser.keyword(true) === 'xref') {
      parser.keyword();
      const entries = new Map<number, XrefEntry>();
      for (;;) {
        const word = parser.keyword(true);
        if (word === 'trailer') {
          parser.keyword();
          const trailer = parser.value();
          if (!(trailer instanceof PdfDict)) throw new Error('trailer is not a dictionary');
          return { at, entries, trailer };
        }
        const start = parser.integer();
        const count = parser.integer();
        if (count < 0 || count > 10_000_000) throw new Error('implausible xref subsection');
        for (let k = 0; k < count; k += 1) {
          const offset = parser.integer();
          parser.integer();
          const kind = parser.keyword();
          if (kind !== 'n' && kind !== 'f') throw new Error(`bad xref entry at ${parser.pos}`);
          if (!entries.has(start + k)) entries.set(start + k, kind === 'n' ? { type: 1, offset } : { type: 0 });
        }
      }
    }
    const object = this.objectAt(at, null);
    if (!object || !(object.value instanceof PdfDict) || object.value.name('Type') !== 'XRef' || !object.stream) throw new Error(`no cross-reference section at ${at}`);
    const dict = object.value;
    const data = decodeStream(this.bytes.subarray(object.stream.start, object.stream.end), dict);
    const widths = dict.get('W');
    if (!Array.isArray(widths) || widths.length < 3 || !widths.every((w) => typeof w === 'number' && w >= 0 && w <= 8)) throw new Error('bad /W');
    const [w0, w1, w2] = widths as number[];
    const size = dict.get('Size');
    const index = dict.get('Index');
    const ranges = Array.isArray(index) ? (index as number[]) : [0, typeof size === 'number' ? size : 0];
    const rowLength = (w0 as number) + (w1 as number) + (w2 as number);
    const entries = new Map<number, XrefEntry>();
    const field = (pos: number, width: number, fallback: number) => {
      if (width === 0) return fallback;
      let value = 0;
      for (let k = 0; k < width; k += 1) value = value * 256 + (data[pos + k] ?? 0);
      return value;
    };
    let row = 0;
    for (let r = 0; r + 1 < ranges.length; r += 2) {
      const start = ranges[r] as number;
      const count = ranges[r + 1] as number;
      for (let k = 0; k < count && (row + 1) * rowLength <= data.length; k += 1, row += 1) {
        const pos = row * rowLength;
        const type = field(pos, w0 as number, 1);
        const a = field(pos + (w0 as number), w1 as number, 0);
        const c = field(pos + (w0 as number) + (w1 as number), w2 as number, 0);
        const num = start + k;
        if (entries.has(num)) continue;
        if (type === 0) entries.set(num, { type: 0 });
        else if (type === 1) entries.set(num, { type: 1, offset: a });
        else if (type === 2) entries.set(num, { type: 2, stream: a, index: c });
      }
    }
    return { at, entries, trailer: dict };
  }

  private parseObject(offset: number): PdfObject | null {
    const header = objectHeader(this.bytes, offset);
    if (!header) return null;
    const parser = new PdfParser(this.bytes, header.valueAt);
    let value: PdfValue;
    try {
      value = parser.value();
    } catch {
      return null;
    }
    const valueEnd = parser.pos;
    let stream: PdfObject['stream'] = null;
    if (value instanceof PdfDict && parser.keyword(true) === 'stream') {
      parser.keyword();
      let start = parser.pos;
      if (this.bytes[start] === 0x0d) start += 1;
      if (this.bytes[start] === 0x0a) start += 1;
      const length = value.get('Length');
      let end = -1;
      if (typeof length === 'number' && length >= 0 && start + length <= this.bytes.length) {
        const after = new PdfParser(this.bytes, start + length);
        if (after.keyword(true) === 'endstream') end = start + length;
      }
      if (end < 0) {
        const found = this.bytes.indexOf(ENDSTREAM, start);
        if (found < 0) return null;
        end = found;
        while (end > start && (this.bytes[end - 1] === 0x0a || this.bytes[end - 1] === 0x0d)) end -= 1;
      }
      stream = { start, end };
    }
    const after = stream ? stream.end : valueEnd;
    const endobj = this.bytes.indexOf(ENDOBJ, after);
    const bodyEnd = endobj >= 0 && endobj - after < 1024 ? endobj : after;
    return { num: header.num, value, stream, body: this.bytes.subarray(header.valueAt, bodyEnd) };
  }

  private readObjectStream(object: PdfObject, resolveLength: (value: PdfValue) => PdfValue): Map<number, { value: PdfValue; body: Buffer }> | null {
    if (!(object.value instanceof PdfDict) || object.value.name('Type') !== 'ObjStm' || !object.stream) return null;
    const dict = object.value;
    let { start, end } = object.stream;
    const length = resolveLength(dict.get('Length') ?? null);
    if (typeof length === 'number' && start + length <= this.bytes.length) end = start + length;
    const data = decodeStream(this.bytes.subarray(start, end), dict);
    const count = dict.get('N');
    const first = dict.get('First');
    if (typeof count !== 'number' || typeof first !== 'number') return null;
    const parser = new PdfParser(data, 0);
    const pairs: Array<[number, number]> = [];
    for (let k = 0; k < count; k += 1) pairs.push([parser.integer(), parser.integer()]);
    const objects = new Map<number, { value: PdfValue; body: Buffer }>();
    pairs.forEach(([num, offset], k) => {
      const from = first + offset;
      const to = k + 1 < pairs.length ? first + (pairs[k + 1]?.[1] ?? 0) : data.length;
      try {
        const value = new PdfParser(data, from).value();
        if (!objects.has(num)) objects.set(num, { value, body: data.subarray(from, Math.max(from, to)) });
      } catch {
        // An unreadable member is missing, as a viewer would have it.
      }
    });
    return objects;
  }
}

/**
 * The data of a stream, decoded: FlateDecode (with PNG or no predictor) only, which is what
 * cross-reference and object streams use. Throws on any other filter.
 */
export function decodeStream(raw: Buffer, dict: PdfDict): Buffer {
  const filter = dict.get('Filter');
  const filters = (Array.isArray(filter) ? filter : filter === undefined || filter === null ? [] : [filter]).map((f) => (f instanceof PdfName ? f.name : '?'));
  const parms = dict.get('DecodeParms');
  const parm = Array.isArray(parms) ? parms[0] : parms;
  let data = raw;
  for (const name of filters) {
    if (name !== 'FlateDecode' && name !== 'Fl') throw new Error(`unsupported filter ${name}`);
    data = inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  }
  if (parm instanceof PdfDict) {
    const predictor = parm.get('Predictor');
    if (typeof predictor === 'number' && predictor >= 10) {
      const columns = parm.get('Columns');
      const colors = parm.get('Colors');
      const bits = parm.get('BitsPerComponent');
      const bpp = Math.max(1, Math.ceil(((typeof colors === 'number' ? colors : 1) * (typeof bits === 'number' ? bits : 8)) / 8));
      const rowBytes = Math.ceil(((typeof columns === 'number' ? columns : 1) * (typeof colors === 'number' ? colors : 1) * (typeof bits === 'number' ? bits : 8)) / 8);
      const rows = unpredictPng(data, rowBytes, Math.floor(data.length / (rowBytes + 1)), bpp);
      if (!rows) throw new Error('bad PNG predictor row');
      data = Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength);
    } else if (typeof predictor === 'number' && predictor > 1) {
      throw new Error(`unsupported predictor ${predictor}`);
    }
  }
  return data;
}


const STARTXREF = Buffer.from('startxref', 'latin1');

/** One revision of the file: the objects as they are once the bytes up to `end` are read. */
export class Revision {
  /** The cross-reference sections of this revision's chain, newest first (empty when `repaired`). */
  readonly sections: XrefSection[] = [];
  /** The chain could not be read: objects come from the repair scan. */
  readonly repaired: boolean;
  readonly trailer: PdfDict;
  private readonly entries = new Map<number, XrefEntry>();
  private readonly cache = new Map<number, PdfObject | null>();

  /** With `repair`, the chain is not read: objects are found by scanning (bytes the chain does not cover). */
  constructor(readonly file: PdfObjects, readonly end: number, repair = false) {
    const chain = repair ? null : this.readChain();
    this.repaired = chain === null;
    if (chain) {
      this.sections.push(...chain);
      for (const section of chain) for (const [num, entry] of section.entries) if (!this.entries.has(num)) this.entries.set(num, entry);
    }
    this.trailer = chain?.[0]?.trailer ?? this.repairTrailer();
  }

  /** Numbers of the objects this revision's cross-reference chain (or the repair scan) defines. */
  objectNumbers(): number[] {
    if (!this.repaired) return [...this.entries.keys()];
    return [...this.file.headers()].filter(([, offsets]) => offsets.some((o) => o < this.end)).map(([num]) => num);
  }

  /** Object `num` as this revision has it; null when it is free or absent. */
  get(num: number): PdfObject | null {
    if (this.cache.has(num)) return this.cache.get(num) ?? null;
    this.cache.set(num, null); // a reference cycle through /Length resolves to nothing
    const object = this.lookup(num);
    this.cache.set(num, object);
    return object;
  }

  /** `value` with an indirect reference followed (once). */
  resolve(value: PdfValue | undefined): PdfValue {
    if (value instanceof PdfRef) return this.get(value.num)?.value ?? null;
    return value ?? null;
  }

  dict(value: PdfValue | undefined): PdfDict | null {
    const resolved = this.resolve(value);
    return resolved instanceof PdfDict ? resolved : null;
  }

  private lookup(num: number): PdfObject | null {
    if (this.repaired) return this.repairedObject(num);
    const entry = this.entries.get(num);
    if (!entry || entry.type === 0) return null;
    if (entry.type === 1) return this.file.objectAt(entry.offset, num) ?? this.repairedObject(num);
    const stream = this.get(entry.stream);
    if (!stream) return null;
    return this.file.inObjectStream(stream, num, (v) => this.resolve(v));
  }

  /** The last definition of `num` before the revision's end, as a repairing viewer finds it. */
  private repairedObject(num: number): PdfObject | null {
    const offsets = (this.file.headers().get(num) ?? []).filter((o) => o < this.end);
    for (let k = offsets.length - 1; k >= 0; k -= 1) {
      const object = this.file.objectAt(offsets[k] as number, num);
      if (object) return object;
    }
    return null;
  }

  private readChain(): XrefSection[] | null {
    const keyword = this.file.bytes.lastIndexOf(STARTXREF, this.end - 1);
    if (keyword < 0) return null;
    let at: number;
    try {
      at = new PdfParser(this.file.bytes, keyword + STARTXREF.length).integer();
    } catch {
      return null;
    }
    const chain: XrefSection[] = [];
    const seen = new Set<number>();
    while (at >= 0 && !seen.has(at) && chain.length < 512) {
      seen.add(at);
      const section = this.file.section(at);
      if (section instanceof Error || at >= this.end) return null;
      chain.push(section);
      // A hybrid file's table names a cross-reference stream for the same revision (§7.5.8.4): read after the table.
      const hybrid = section.trailer.get('XRefStm');
      if (typeof hybrid === 'number' && !seen.has(hybrid)) {
        seen.add(hybrid);
        const stream = this.file.section(hybrid);
        if (stream instanceof Error) return null;
        chain.push(stream);
      }
      const prev = section.trailer.get('Prev');
      at = typeof prev === 'number' ? prev : -1;
    }
    return chain.length > 0 ? chain : null;
  }

  /** Without a readable chain: the last trailer dictionary (or cross-reference stream) before the end names the root. */
  private repairTrailer(): PdfDict {
    const b = this.file.bytes;
    for (let at = b.lastIndexOf('trailer', this.end - 1, 'latin1'); at >= 0; at = b.lastIndexOf('trailer', at - 1, 'latin1')) {
      try {
        const parser = new PdfParser(b, at + 'trailer'.length);
        const value = parser.value();
        if (value instanceof PdfDict && value.get('Root') instanceof PdfRef) return value;
      } catch {
        // keep looking
      }
    }
    for (const [num, offsets] of this.file.headers()) {
      for (const offset of offsets.filter((o) => o < this.end).reverse()) {
        const object = this.file.objectAt(offset, num);
        if (object?.value instanceof PdfDict && object.value.name('Type') === 'XRef' && object.value.get('Root') instanceof PdfRef) return object.value;
        if (object?.value instanceof PdfDict && object.value.name('Type') === 'Catalog') return new PdfDict(new Map([['Root', new PdfRef(num, 0)]]));
      }
    }
    return new PdfDict(new Map());
  }
}

/** A canonical text of a value, for comparing two revisions' values (references by number). */
export function canonical(value: PdfValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof PdfName) return `/${value.name}`;
  if (value instanceof PdfString) return `<${value.bytes.toString('hex')}>`;
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(' ')}]`;
  return `<<${[...value.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `/${k} ${canonical(v)}`).join(' ')}>>`;
}

/** A text string (ISO 32000-1 §7.9.2.2): UTF-16BE with its BOM, or PDFDocEncoding read as Latin-1. */
export function textOf(value: PdfValue | undefined): string | null {
  if (!(value instanceof PdfString)) return null;
  const b = value.bytes;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)));
    swapped.swap16();
    return swapped.toString('utf16le').normalize('NFC');
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8').normalize('NFC');
  return b.toString('latin1').normalize('NFC');
}
