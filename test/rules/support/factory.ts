// Small builders for appraisal tests: readings, evidence records, claims, batches, frameworks and a
// context to run one rule. No PDFs: a reading is what the evidence reader would have returned.
import { parseFramework } from '../../../pipeline/framework/load-framework.js';
import type { Area, Batch, Claim, Criterion, Extraction, Framework, RuleSetting, Unit } from '../../../pipeline/model.js';
import { ruleById } from '../../../pipeline/rules/index.js';
import { monthConfidence } from '../../../pipeline/rules/reading-parts.js';
import type { EvidenceRecord, ReadingBasis, RuleContext, RuleReport, UncountedFile } from '../../../pipeline/rules/rule.js';

/** A reading of an issued, digitally signed text-layer PDF; `number` and `date` fill the parsed fields. */
export function reading(number: string | null, date: string | null, overrides: Partial<Extraction> = {}): Extraction {
  const parsed = splitNumber(number);
  return {
    file: '', sha256: `sha-${number ?? 'none'}-${date ?? 'none'}`, status: 'ok', source: 'text',
    ...parsed,
    date, place: 'Hưng Yên', blankDate: false,
    confidence: 1, numberConfidence: 1, dateConfidence: 1,
    signed: true, signer: 'Nguyễn Văn A', signedAt: null, scanned: false,
    pages: 2, headerPage: 1, citations: [], readerVersion: 'test',
    ...overrides,
  };
}

/** A file the reader could not open. */
export function unreadable(error: string): Extraction {
  return { ...reading(null, null), status: 'unreadable', error, source: null, confidence: 0, numberConfidence: 0, dateConfidence: 0, headerPage: null };
}

function splitNumber(number: string | null) {
  if (number === null) return { number: null, numeral: null, suffixed: false, typeCode: null, issuerCode: null, year: null, blankNumber: false };
  const [numeral = '', ...rest] = number.split('/');
  const year = rest.length === 2 ? Number(rest[0]) : null;
  const symbol = rest[rest.length - 1] ?? '';
  const [first = '', ...others] = symbol.split('-');
  const typeCodes = new Set(['KH', 'BC', 'QĐ', 'TB', 'BB', 'TTr', 'HD', 'CTr', 'SY', 'TrS', 'SL', 'NQ', 'CT', 'QyĐ']);
  const typed = others.length > 0 && typeCodes.has(first);
  return {
    number: numeral === '' ? null : number,
    numeral: numeral === '' ? null : numeral,
    suffixed: /[a-zA-Z]$/u.test(numeral),
    typeCode: typed ? first : null,
    issuerCode: typed ? others.join('-') : symbol,
    year,
    blankNumber: numeral === '',
  };
}

export function record(criterion: string, name: string, extraction: Extraction, unit = 'SNV'): EvidenceRecord {
  const relPath = `units/${unit}/evidence/${criterion}/${name}`;
  return {
    file: { unit, criterion, path: `/batch/${relPath}`, relPath, name, size: 1000 },
    extraction: { ...extraction, file: relPath },
  };
}

export function claim(criterion: string, self: number | null, overrides: Partial<Claim> = {}): Claim {
  return { criterion, self, notApplicable: false, evidenceFiles: [], explanation: '', row: 5, ...overrides };
}

export function testBatch(overrides: Partial<Batch> = {}): Batch {
  return {
    dir: '/batch', province: 'Hưng Yên', year: 2024,
    dataWindow: { from: '2023-12-01', to: '2024-11-30' }, cutoff: '2024-11-30',
    groups: [{ code: 'so', name: 'Sở, ban, ngành', framework: 'test' }],
    units: [{ code: 'SNV', name: 'Sở Nội vụ', group: 'so' }],
    council: {
      name: 'Tổ thẩm định', parentBody: 'UBND TỈNH', body: 'TỔ THẨM ĐỊNH', minutesSymbol: 'BB-TTĐ', minutesStart: 1,
      place: 'Hưng Yên', meetingPlace: 'Sở Nội vụ', meetingDate: '2024-12-20', members: [{ name: 'A', title: 'Giám đốc', role: 'Tổ trưởng' }],
    },
    decision: {
      issuingBody: 'ỦY BAN NHÂN DÂN TỈNH', symbol: 'QĐ-UBND', place: 'Hưng Yên', authority: 'ỦY BAN NHÂN DÂN TỈNH',
      bases: ['Căn cứ…'], executors: '…', recipients: ['Như Điều 3'], signer: { prefixes: [], title: 'CHỦ TỊCH', name: 'B' },
    },
    inputs: {},
    ...overrides,
  };
}

export const SNV: Unit = { code: 'SNV', name: 'Sở Nội vụ', group: 'so' };

/** A framework from a YAML-shaped object, validated as a file would be. */
export function frameworkFrom(data: Record<string, unknown>): Framework {
  return parseFramework(data, 'test-framework.yaml');
}

export function criterion(code: string, max: number, overrides: Partial<Criterion> = {}): Criterion {
  return { code, title: `Tiêu chí ${code}`, max, survey: false, children: [], ...overrides };
}

export interface RuleCase {
  criterion?: Criterion;
  /** The criterion's content area (default: an area holding only the criterion). */
  area?: Area;
  claim?: Claim | null;
  /** The unit's rows for every criterion (RuleContext.unitClaims). */
  unitClaims?: Claim[];
  evidence?: EvidenceRecord[];
  excluded?: EvidenceRecord[];
  /** Files in the folder the appraisal does not count (RuleContext.uncounted). */
  uncounted?: UncountedFile[];
  unitEvidence?: EvidenceRecord[];
  /** Other units' evidence by unit code (this unit's is `unitEvidence`). */
  otherUnits?: Record<string, EvidenceRecord[]>;
  survey?: number;
  unit?: Unit;
  batch?: Batch;
  level?: Framework['level'];
  /** The framework around the criterion; a bare one of `level` otherwise. */
  framework?: Framework;
  /** Rule settings besides the defaults (effect, parameters). */
  settings?: Record<string, unknown>;
  minConfidence?: number;
}

/** Run one rule on one criterion, with its parameters parsed as a framework would. */
export function runRule(id: string, c: RuleCase): RuleReport[] {
  const rule = ruleById(id);
  if (!rule) throw new Error(`no rule ${id}`);
  const { effect, ...params } = c.settings ?? {};
  const parsed = rule.params.parse(params) as RuleSetting;
  const crit = c.criterion ?? criterion('1.1', 2);
  const evidence = c.evidence ?? [];
  const min = c.minConfidence ?? 0.8;
  const unit = c.unit ?? SNV;
  const unitEvidence = c.unitEvidence ?? evidence;
  const context: RuleContext = {
    unit,
    batch: c.batch ?? testBatch(),
    framework: c.framework ?? { id: 'test', name: 'test', province: 'test', level: c.level ?? 'so', areas: [], rules: {}, scoring: { scale: 100, bands: [], bonusMax: 0, penaltyMax: 0, normaliseAdjustments: true } },
    area: c.area ?? { code: '1', title: 'Lĩnh vực 1', kind: 'content', max: crit.max, criteria: [crit] },
    criterion: crit,
    claim: c.claim === undefined ? claim(crit.code, crit.max) : c.claim,
    ...(c.unitClaims ? { unitClaims: new Map(c.unitClaims.map((x) => [x.criterion, x])) } : {}),
    evidence,
    excluded: c.excluded ?? [],
    ...(c.uncounted ? { uncounted: c.uncounted } : {}),
    unitEvidence,
    batchEvidence: new Map([...Object.entries(c.otherUnits ?? {}), [unit.code, unitEvidence]]),
    survey: c.survey,
    effect: (effect as RuleContext['effect'] | undefined) ?? rule.effects[0] ?? 'info',
    params: parsed,
    trusted: (e: Extraction, basis: ReadingBasis) => e.status === 'ok' && (basis === 'number' ? e.numberConfidence : basis === 'month' ? monthConfidence(e) : e.dateConfidence) >= min,
  };
  return rule.check(context);
}
