// A person's corrections applied over what the reader read: the parts typed replace the parts
// read (source `person`, confidence 1), a confirmation makes the parts read certain, and the flat
// fields (number, date…) are derived again from the parts. Only the file content with the entry's
// SHA-256 is touched; corrections that disagree are none of them applied (a finding says so).
import { correctionPlace, correctionWord, thisCorrection } from '../batch/correction-place.js';
import { type CorrectionEntry, CORRECTIONS_RULE } from '../batch/read-corrections.js';
import type { Extraction, ExtractionParts, FieldPart, Finding, ReadingCorrection } from '../model.js';
import { isoDateOf } from '../util/dates.js';
import { formatDateVn } from '../util/text.js';
import { flatFromParts, symbolOf, unknownPart } from './field-parts.js';
import { parseDocumentNumber } from './parse-header.js';

export interface CorrectionsOutcome {
  extraction: Extraction;
  /** Vietnamese sentences, one per entry that was not applied (naming its file and entry). */
  problems: string[];
}

/**
 * Apply the entries for this extraction's SHA-256 (all of `entries` must carry it). Pure.
 * Entries that agree (same number and date) are applied once; entries that disagree are not
 * applied and are kept in `correctionConflict` for the `conflicting-corrections` rule.
 */
export function applyCorrections(extraction: Extraction, entries: CorrectionEntry[]): CorrectionsOutcome {
  const problems: string[] = [];
  const where = (entry: CorrectionEntry) => `Tệp hiệu chỉnh ${entry.source}, ${correctionPlace(entry.source, entry.line)}`;
  if (extraction.status !== 'ok') {
    return { extraction, problems: entries.map((entry) => `${where(entry)}: tệp "${extraction.file}" không đọc được, hiệu chỉnh không được áp dụng; Hội đồng xem xét trực tiếp tệp này.`) };
  }
  const applied: Array<{ entry: CorrectionEntry; result: Extraction }> = [];
  for (const entry of entries) {
    const result = correctOne(extraction, entry);
    if (typeof result === 'string') problems.push(`${where(entry)}: ${result}; ${thisCorrection(entry.source)} không được áp dụng.`);
    else applied.push({ entry, result });
  }
  const outcomes = new Map(applied.map((a) => [`${a.result.number}|${a.result.date}|${a.result.blankNumber}|${a.result.blankDate}`, a]));
  if (outcomes.size > 1) {
    return {
      extraction: {
        ...extraction,
        correctionConflict: applied.map(({ entry, result }) => ({ by: entry.by, at: entry.at, file: entry.source, line: entry.line, number: result.number, date: result.date })),
      },
      problems,
    };
  }
  const first = applied[0];
  return { extraction: first ? first.result : extraction, problems };
}

/** The extraction corrected by one entry, or why the entry cannot apply. */
function correctOne(e: Extraction, entry: CorrectionEntry): Extraction | string {
  const parts = structuredClone(e.parts ?? partsFromFlat(e));
  const page = e.headerPage ?? 1;
  if (entry.action === 'confirm') {
    // What the page showed when the person confirmed it: a reading since changed is not what they saw.
    if (entry.shown && (entry.shown.number !== (e.number ?? null) || entry.shown.date !== (e.date ?? null))) {
      const said = (number: string | null, date: string | null) => `số ${number ?? '(không có)'}, ngày ${date ? formatDateVn(date) : '(không có)'}`;
      return `máy đọc nay cho ${said(e.number, e.date)}, khác với lúc ${entry.by} xác nhận (${said(entry.shown.number, entry.shown.date)}); cần xác nhận lại hoặc gõ số, ngày đúng`;
    }
    // A value shown is confirmed, a part filled in by hand included (its reader's guess, shown on the page).
    const known = Object.values(parts).filter((p) => p.status === 'read' || p.status === 'blank' || (p.status === 'handwritten' && p.guess !== undefined));
    if (known.length === 0) return `tệp "${e.file}" không có số hay ngày nào đọc được để xác nhận (cần gõ số, ngày đúng)`;
    for (const p of known) {
      if (p.status === 'handwritten') {
        p.status = 'read';
        p.value = p.guess as string | number;
        delete p.guess;
      }
      p.confidence = 1;
      p.source = 'person';
    }
  } else {
    const typed = <T extends string | number>(old: FieldPart<T>, value: T | undefined): FieldPart<T> =>
      value === undefined ? old : { status: 'read', value, confidence: 1, source: 'person', page: old.page ?? page, region: old.region };
    parts.numeral = typed(parts.numeral, entry.numeral);
    parts.symbol = typed(parts.symbol, entry.symbol);
    parts.day = typed(parts.day, entry.day);
    parts.month = typed(parts.month, entry.month);
    parts.year = typed(parts.year, entry.year);
  }
  const { day, month, year, numeral, symbol } = parts;
  if (day.status === 'read' && month.status === 'read' && year.status === 'read' && isoDateOf(Number(day.value), Number(month.value), Number(year.value)) === null) {
    return `ngày ${day.value}/${month.value}/${year.value} (ghép phần đã sửa với phần máy đọc) không có thật`;
  }
  const flat = flatFromParts(parts);
  let number: Pick<Extraction, 'number' | 'numeral' | 'suffixed' | 'typeCode' | 'issuerCode' | 'year'> = { number: null, numeral: null, suffixed: false, typeCode: null, issuerCode: null, year: null };
  if (flat.numberRead) {
    // A part filled in by hand and left to a person counts with its reader's guess (as flatFromParts takes it).
    const printed = `${numeral.value ?? numeral.guess}/${symbol.value ?? symbol.guess}`;
    const parsed = parseDocumentNumber(`Số: ${printed}`);
    number = parsed?.number
      ? { number: parsed.number, numeral: parsed.numeral, suffixed: parsed.suffixed, typeCode: parsed.typeCode, issuerCode: parsed.issuerCode, year: parsed.year }
      : { number: printed, numeral: String(numeral.value), suffixed: /\p{L}$/u.test(String(numeral.value)), typeCode: null, issuerCode: null, year: null };
  } else if (entry.action === 'confirm') {
    number = { number: e.number, numeral: e.numeral, suffixed: e.suffixed, typeCode: e.typeCode, issuerCode: e.issuerCode, year: e.year };
  }
  const correction: ReadingCorrection = {
    action: entry.action, by: entry.by, at: entry.at, file: entry.source, line: entry.line,
    previous: { number: e.number, date: e.date, source: e.source, confidence: e.confidence },
  };
  return {
    ...e,
    ...number,
    parts,
    blankNumber: flat.blankNumber,
    numberConfidence: flat.numberConfidence,
    date: flat.date,
    blankDate: flat.blankDate,
    dateConfidence: flat.dateConfidence,
    confidence: Math.min(flat.numberConfidence, flat.dateConfidence),
    source: 'person',
    headerPage: e.headerPage ?? page,
    correction,
  };
}

/** Parts for a reading made without them (hand-made, or an older reader): from its flat fields. */
function partsFromFlat(e: Extraction): ExtractionParts {
  const page = e.headerPage;
  const read = <T extends string | number>(value: T | null, confidence: number): FieldPart<T> =>
    value === null || value === undefined ? unknownPart<T>() : { status: 'read', value, confidence, source: e.source, page, region: null };
  const [y, m, d] = e.date ? e.date.split('-').map(Number) : [null, null, null];
  const symbol = e.number ? symbolOf({ number: e.number, numeral: e.numeral, suffixed: e.suffixed, typeCode: e.typeCode, issuerCode: e.issuerCode, year: e.year, blankNumber: e.blankNumber }) : null;
  return {
    numeral: e.blankNumber ? { status: 'blank', value: null, confidence: e.numberConfidence, source: e.source, page, region: null } : read(e.numeral, e.numberConfidence),
    symbol: read(symbol, e.numberConfidence),
    day: read(d ?? null, e.dateConfidence),
    month: read(m ?? null, e.dateConfidence),
    year: read(y ?? null, e.dateConfidence),
  };
}

/** What `CorrectionBook.apply` needs of an evidence file. */
interface FiledReading {
  relPath: string;
  criterion: string;
}

/**
 * The batch's corrections by SHA-256, applied as readings come in, each only to the evidence of
 * the unit it names (`unit`; a workbook row without one: any unit holding that content). Entries
 * that applied nowhere are reported: on the unit when the file they name is still there with other
 * content (it changed after the check), else on the batch, saying whether the unit is not in the
 * batch, the content belongs to another unit, or no file has that content. A unit and a SHA-256
 * that disagree are a hand-edited entry whose intent cannot be known: not applied.
 */
export class CorrectionBook {
  readonly #bySha = new Map<string, CorrectionEntry[]>();
  readonly #used = new Set<CorrectionEntry>();
  readonly #applied = new Set<string>();
  /** The units whose evidence holds each content seen so far. */
  readonly #unitsOf = new Map<string, Set<string>>();

  constructor(private readonly entries: CorrectionEntry[]) {
    for (const entry of entries) {
      const list = this.#bySha.get(entry.sha256);
      if (list) list.push(entry);
      else this.#bySha.set(entry.sha256, [entry]);
    }
  }

  /** The reading with its corrections; problems as findings on the unit, criterion and file. */
  apply(extraction: Extraction, unit: string, file: FiledReading): { extraction: Extraction; findings: Finding[] } {
    const seen = this.#unitsOf.get(extraction.sha256);
    if (seen) seen.add(unit);
    else this.#unitsOf.set(extraction.sha256, new Set([unit]));
    const entries = this.#bySha.get(extraction.sha256)?.filter((e) => e.unit === null || e.unit === unit);
    if (!entries || entries.length === 0) return { extraction, findings: [] };
    for (const entry of entries) this.#used.add(entry);
    const outcome = applyCorrections(extraction, entries);
    if (outcome.extraction.correction) this.#applied.add(extraction.sha256);
    return {
      extraction: outcome.extraction,
      findings: outcome.problems.map((reason) => ({ rule: CORRECTIONS_RULE, effect: 'info', unit, criterion: file.criterion, file: file.relPath, reason })),
    };
  }

  /** File contents a correction or confirmation was applied to. */
  get applied(): number {
    return this.#applied.size;
  }

  /** A unit's evidence with its corrections, and the findings about them (problems, changed files). */
  correct<R extends { file: FiledReading; extraction: Extraction }>(unit: string, evidence: R[]): { evidence: R[]; findings: Finding[] } {
    const findings: Finding[] = [];
    const out = evidence.map((record) => {
      const applied = this.apply(record.extraction, unit, record.file);
      findings.push(...applied.findings);
      return { ...record, extraction: applied.extraction };
    });
    findings.push(...this.changedFiles(unit, out.map((r) => ({ ...r.file, sha256: r.extraction.sha256 }))));
    return { evidence: out, findings };
  }

  /** Entries naming one of these files whose content has changed since (another SHA-256). */
  changedFiles(unit: string, files: Array<FiledReading & { sha256: string }>): Finding[] {
    const findings: Finding[] = [];
    for (const entry of this.entries) {
      if (this.#used.has(entry) || entry.file === null || (entry.unit !== null && entry.unit !== unit)) continue;
      const now = files.find((f) => f.relPath === entry.file);
      if (!now || now.sha256 === entry.sha256) continue;
      this.#used.add(entry);
      findings.push({
        rule: CORRECTIONS_RULE, effect: 'info', unit, criterion: now.criterion, file: now.relPath,
        reason: `Tệp "${now.relPath.split('/').pop()}" đã thay đổi sau khi ${entry.by} kiểm tra (tệp hiệu chỉnh ${entry.source}, ${correctionPlace(entry.source, entry.line)}): nội dung mới có mã SHA-256 khác nên hiệu chỉnh không được áp dụng; cần kiểm tra lại số, ngày của tệp mới.`,
      });
    }
    return findings;
  }

  /**
   * Entries that applied to no evidence of the batch (batch-level findings), after every unit was
   * corrected; `units` are the batch's unit codes.
   */
  unmatched(units: ReadonlySet<string>): Finding[] {
    return this.entries.filter((e) => !this.#used.has(e)).map((e): Finding => {
      const holders = [...(this.#unitsOf.get(e.sha256) ?? [])].sort();
      const where = `Tệp hiệu chỉnh ${e.source}, ${correctionPlace(e.source, e.line)}`;
      const self = thisCorrection(e.source);
      const held = holders.length > 0 ? `tệp có mã SHA-256 ${e.sha256.slice(0, 12)}… thuộc đơn vị ${holders.join(', ')}` : '';
      let reason: string;
      if (e.unit !== null && !units.has(e.unit)) {
        reason = `${where}: đơn vị "${e.unit}" không có trong đợt${held ? `; ${held}` : ''}; ${self} không được áp dụng.`;
      } else if (e.unit !== null && holders.length > 0) {
        reason = `${where}: ${correctionWord(e.source)} ghi đơn vị ${e.unit} nhưng ${held}, không phải của ${e.unit}; ${self} không được áp dụng (sửa "unit" hoặc lưu lại tệp từ trang kiểm tra tài liệu).`;
      } else {
        reason = `${where}: không có tệp nào trong đợt có mã SHA-256 ${e.sha256.slice(0, 12)}…${e.file ? ` (tệp ${e.file} không còn trong đợt)` : ''}; ${self} không được áp dụng.`;
      }
      return { rule: CORRECTIONS_RULE, effect: 'info', unit: '', reason };
    });
  }
}
