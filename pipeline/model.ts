// The domain's vocabulary. Data flows one way:
// batch → units → claims + evidence → extractions → findings → appraisal → ranking → documents.
// Every stage takes these values and returns new ones; only the edges do I/O.
import type { Round } from './rounds/calendar.js';
import type { RoundResult } from './rounds/round-result.js';

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

// ---------------------------------------------------------------------------
// Framework (Bộ chỉ số): areas → criteria → sub-criteria, plus the province's rules.

/** Level of government a framework assesses. */
export type Level = 'so' | 'huyen' | 'xa';

/**
 * Kind of area (lĩnh vực / nội dung). `content` areas are the self-scored
 * areas the downgrade rule looks at; `survey` is the SIPAS / điều tra xã hội học part.
 */
export type AreaKind = 'content' | 'survey';

/** What evidence (tài liệu kiểm chứng, TLKC) a criterion expects. */
export interface EvidenceExpectation {
  /**
   * False when the criterion is appraised from data the province already holds (the public
   * services portal, a specialised department's monitoring): no evidence file is expected.
   */
  required: boolean;
  /** Decree 30 type codes accepted (`KH`, `BC`, `QĐ`…); empty means any. */
  types: string[];
  /** The evidence must be issued by the unit itself. */
  ownIssuer: boolean;
  /** Issue deadline (`MM-DD` within the assessed year, or an ISO date). */
  deadline?: string;
  /** Score given when the evidence is issued after the deadline. */
  lateScore?: number;
}

/**
 * How a criterion is scored from a figure the unit reports (pipeline/framework/figure.ts): the
 * figure's unit (`%`, or a count such as `cuộc`), whether the report gives it as numerator and
 * denominator (Tử số / Mẫu số, the percentage then computed), and the brackets, highest first.
 */
export interface FigureScale {
  unit: string;
  /** What is counted, for documents: `Tỷ lệ hồ sơ được tiếp nhận trực tuyến`. */
  label?: string;
  /** The report gives Tử số and Mẫu số; the figure is their ratio (× 100 for `%`). */
  ratio: boolean;
  /** `min` inclusive; `max` inclusive when given, else up to the next higher bracket's `min`. */
  brackets: Array<{ min: number; max?: number; score: number }>;
}

/** A criterion (tiêu chí, TC) or sub-criterion (tiêu chí thành phần, TCTP). */
export interface Criterion {
  code: string;
  title: string;
  max: number;
  /** Scored by the survey (điều tra xã hội học); never self-scored. */
  survey: boolean;
  /** Used to break ties (online / postal public services). */
  tieBreak?: boolean;
  evidence?: EvidenceExpectation;
  /** Scored from a reported figure by brackets (tỷ lệ, số lượng). */
  figure?: FigureScale;
  /** Sub-criteria; a criterion with children is the sum of its children. */
  children: Criterion[];
}

export interface Area {
  code: string;
  title: string;
  kind: AreaKind;
  /** Who appraises this area (Tam Đường §2: each district office owns some areas); for documents. */
  appraiser?: string;
  max: number;
  criteria: Criterion[];
}

export interface RatingBand {
  label: string;
  /** Lower bound (inclusive) on the 0–100 index. */
  min: number;
}

export interface ScoringSettings {
  /** Full scale of the index (100). */
  scale: number;
  /**
   * What of the scoring the province's text does not state and the framework takes from elsewhere
   * (Vietnamese, e.g. the rating bands from Hưng Yên art. 5.5): said in every run that uses it.
   */
  assumed?: string;
  /** Highest band first. */
  bands: RatingBand[];
  /**
   * An area below this share of its maximum drops the rating one band (Hưng Yên art. 5.5).
   * `areas`: the areas the rule looks at; all content areas when not given.
   */
  downgrade?: { areaBelow: number; from: string[]; areas?: string[] };
  bonusMax: number;
  penaltyMax: number;
  /**
   * True (Hưng Yên art. 4.3b): bonus and penalty are part of the total that is brought to the
   * 100-point scale. False: the criteria's points are normalised first, then bonus and penalty added.
   */
  normaliseAdjustments: boolean;
}

/**
 * Default evaluation period (thời gian chốt số liệu) of a framework, relative to the assessed
 * year; the batch's own `dataWindow` and `cutoff` are authoritative.
 */
export interface DataWindowDefault {
  /** `MM-DD`. */
  from: string;
  /** `from` falls in the year before the assessed year (Hưng Yên art. 6.1: 01/12 of the previous year). */
  fromPreviousYear: boolean;
  /** `MM-DD` in the assessed year. */
  to: string;
  /** `MM-DD` in the assessed year; defaults to `to`. */
  cutoff?: string;
}

/**
 * Per-rule settings from the framework: whether on, the effect chosen among those the rule
 * allows, and its parameters (validated by the rule's own schema when the framework loads).
 */
export interface RuleSetting {
  enabled: boolean;
  effect?: Effect;
  [param: string]: unknown;
}

export interface Framework {
  id: string;
  name: string;
  province: string;
  level: Level;
  year?: number;
  /** Where the structure comes from (seed, annex) and what is assumed. */
  source?: string;
  areas: Area[];
  scoring: ScoringSettings;
  dataWindow?: DataWindowDefault;
  rules: Record<string, RuleSetting>;
}

// ---------------------------------------------------------------------------
// Batch: one province-year appraisal round.

export interface UnitGroup {
  code: string;
  name: string;
  /** Framework reference for this group's units (bundled name or path). */
  framework: string;
}

/** An agency being appraised (cơ quan, đơn vị). */
export interface Unit {
  code: string;
  name: string;
  group: string;
  /**
   * Issuer codes on the unit's own documents (`SXD` in `30/KH-SXD`), when they differ from its
   * batch code; without them the rules judge the unit's usual issuer from what it filed.
   */
  issuerCodes?: string[];
}

export interface CouncilMember {
  name: string;
  title: string;
  role: string;
}

/** The appraisal council (Hội đồng / Tổ thẩm định). */
export interface Council {
  name: string;
  parentBody: string;
  body: string;
  /** Symbol of the council's own number series for minutes, e.g. `BB-TTĐ`. */
  minutesSymbol: string;
  minutesStart: number;
  place: string;
  meetingPlace: string;
  meetingDate: IsoDate;
  /** Start of the meeting, `HH:MM`; the minutes leave it blank when absent. */
  meetingTime?: string;
  members: CouncilMember[];
}

export interface Signer {
  /** `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`… one line each. */
  prefixes: string[];
  title: string;
  name: string;
}

/** Metadata of the ranking decision (Quyết định công bố Chỉ số CCHC). */
export interface DecisionMeta {
  parentBody?: string;
  issuingBody: string;
  /** `QĐ-UBND`: the number is left blank for the records office. */
  symbol: string;
  place: string;
  date?: IsoDate;
  /** Authority line (`ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN`) standing above the căn cứ lines. */
  authority: string;
  bases: string[];
  proposal?: string;
  executors: string;
  recipients: string[];
  signer: Signer;
}

export interface Batch {
  /** Absolute path of the batch folder. */
  dir: string;
  province: string;
  year: number;
  title?: string;
  dataWindow: { from: IsoDate; to: IsoDate };
  /** Last date evidence may carry (chốt số liệu); defaults to dataWindow.to. */
  cutoff: IsoDate;
  groups: UnitGroup[];
  units: Unit[];
  council: Council;
  decision: DecisionMeta;
  /** Optional inputs, absolute paths. `corrections`: people's corrections files (audit pages), one per clerk. */
  inputs: { survey?: string; adjustments?: string; councilDecisions?: string; corrections?: string[] };
  /** The batch's own document templates (absolute path); files missing there come from the bundled ones. */
  templates?: string;
  /** The calendar (lịch thẩm định): rounds with their deadlines; absent when the batch has none. */
  rounds?: Round[];
  /**
   * Folder of the certificates the province trusts (absolute path; `trust:` in batch.yaml): signature
   * chains are checked against them only; without it chains are "not checked".
   */
  trust?: string;
}

// ---------------------------------------------------------------------------
// A unit's self-assessment (báo cáo tự đánh giá).

/** One row of the unit's self-assessment table. */
export interface Claim {
  criterion: string;
  /** Điểm tự đánh giá; null when left blank or not a score (see `selfUnclear`). */
  self: number | null;
  /**
   * The self-score cell held something that is not a score (text such as "một", a negative number,
   * a value that could not be read): the report's finding sends it to the council, and the evidence
   * is checked as for a criterion the unit scored.
   */
  selfUnclear?: true;
  /**
   * The self-score cell as the unit wrote it, when it is not a score (`selfUnclear`): `"một"`. Kept
   * so that a later report changing it (`"một"` → `"hai"`) is seen as a change between rounds.
   */
  selfText?: string;
  /** Không áp dụng: the criterion does not apply to this unit. */
  notApplicable: boolean;
  /** Evidence file names as the unit listed them. */
  evidenceFiles: string[];
  /** Giải trình. */
  explanation: string;
  /**
   * The figure the unit reports for a criterion scored from a figure (Số liệu, or Tử số / Mẫu số):
   * `value` in the framework's unit (`%` or a count). Absent when the row gives none.
   */
  figure?: { value: number; numerator?: number; denominator?: number };
  /** 1-based row in the report sheet, for messages. */
  row: number;
}

export interface Report {
  file: string;
  sheet: string;
  claims: Claim[];
}

/** An evidence file found on disk (tài liệu kiểm chứng). */
export interface EvidenceFile {
  unit: string;
  criterion: string;
  /** Absolute path. */
  path: string;
  /** Path relative to the batch folder, with `/`, NFC: how documents name the file and how it is compared. */
  relPath: string;
  /**
   * The same path with the names as they are on disk, when they differ from `relPath` (a name written
   * in decomposed Unicode, NFD, as macOS and some ZIP tools write it): what links to the file.
   * `path` is always the on-disk one.
   */
  diskRelPath?: string;
  /** The file's name, NFC. */
  name: string;
  size: number;
}

// ---------------------------------------------------------------------------
// What the evidence reader says a PDF is.

/**
 * Where a reading came from: the text layer, a signing annotation, OCR of the rendered page, or
 * (`ocr+claim`) a handwritten part the second recognizer's candidates support as the value the unit
 * itself claims (its explanation, the evidence name it listed, the file's name): never the claim alone;
 * or (`person`) a person's correction from the audit pages.
 */
export type ExtractionSource = 'text' | 'annotation' | 'ocr' | 'ocr+claim' | 'person';

/**
 * A person's check of a reading (hiệu chỉnh), from a corrections file named in batch.yaml
 * (`inputs.corrections`) or the results workbook's evidence sheet: `confirm` keeps what was read,
 * `correct` replaces the number and/or the date. Applied to the file with that SHA-256 only.
 */
export interface ReadingCorrection {
  action: 'confirm' | 'correct';
  /** Who checked it. */
  by: string;
  /** When (as written in the corrections file, ISO 8601). */
  at: string;
  /** The corrections file, relative to the batch folder, and its entry (1-based) or row. */
  file: string;
  line: number;
  /** What the reader had read. */
  previous: { number: string | null; date: IsoDate | null; source: ExtractionSource | null; confidence: number };
}

/** A document cited in another document's body. */
export interface Citation {
  number: string | null;
  date: IsoDate | null;
  text: string;
}

/**
 * What the reader knows of one part of a field (the numeral, the day…):
 * `read` a value read (see its confidence); `blank` the place is truly empty (no ink there: an
 * unissued draft's `Số:      /KH-SXD`); `handwritten` ink in the place (a clerk's pen, a numbering
 * stamp) that was not read with confidence; `unreadable` the place was not found or could not be
 * read at all (nothing is claimed about it).
 */
export type PartStatus = 'read' | 'blank' | 'handwritten' | 'unreadable';

/**
 * A box on a page in PDF points (1/72 in), from the top-left corner of the page as displayed
 * (after its `/Rotate`): x to the right, y down. Multiply by dpi / 72 to get pixels of a rendering.
 */
export interface PageRegion {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One part of the number or the date, with where on which page it was read from. */
export interface FieldPart<T extends string | number = string | number> {
  status: PartStatus;
  /** The value when `read` (a numeral `30a`, a symbol `KH-SXD`, a day 5, a month 7, a year 2024); else null. */
  value: T | null;
  /** 0–1: how far `status` and `value` can be trusted (calibrated: see pipeline/evidence/confidence.ts). */
  confidence: number;
  /** Where the value came from: the text layer, a signing annotation, OCR of the rendered page; null when nothing was read. */
  source: ExtractionSource | null;
  /** 1-based page the part was read from (or looked for); null when it was not found. */
  page: number | null;
  /** The box of the page the part was read from (usually its whole line segment); null when not found. */
  region: PageRegion | null;
  /** Pixels per point of the rendering OCR read it from (dpi / 72), when it was read by OCR. */
  scale?: number;
  /**
   * What OCR made of a `handwritten` part (`value` stays null): a hint for a person or a
   * handwriting recognizer, never to be acted on as it is.
   */
  guess?: T;
  /** Why the status is what it is, for a person (Vietnamese), when it is not plainly `read`. */
  note?: string;
  /**
   * What the second recognizer (handwriting, pipeline/evidence/handwriting/) saw in this part's
   * blank when the first reader left it `handwritten` or `unreadable`: digit strings with their
   * probabilities (0–1, most probable first; days and months without a leading zero), the lowest
   * per-digit score of the first, and how many views of the line were read; `frames`, the views'
   * per-frame digit probabilities (ctc-digits.ts StoredFrames), on which any claimed value and each
   * of its neighbours is scored by CTC forced alignment; `marks`, the separate marks of the ink (the
   * fewest digits a value may have, 0 when unknown).
   */
  handwriting?: { candidates: { value: string; probability: number }[]; weakestDigit: number; views: number; frames?: number[][][]; marks?: number };
  /** How the unit's claim about this part was checked against the ink, when it was (Vietnamese `reason`). */
  claimCheck?: { outcome: 'supported' | 'contradicted' | 'unsupported'; claimed: string; source: 'explanation' | 'listed' | 'file-name'; reason: string };
}

/** The number (numeral + symbol) and the date (day + month + year) in parts. */
export interface ExtractionParts {
  /** `30a` of `30a/KH-SXD`. */
  numeral: FieldPart<string>;
  /** `KH-SXD` (with the year of a normative number: `2019/QĐ-UBND`). */
  symbol: FieldPart<string>;
  day: FieldPart<number>;
  month: FieldPart<number>;
  year: FieldPart<number>;
}

export interface Extraction {
  /** The file's path, NFC (batch-relative in a run): how it is named and compared. */
  file: string;
  /**
   * The same path with the names as they are on disk, when they differ from `file` (decomposed
   * Unicode, NFD): what opens and links to the file. Absent when equal.
   */
  diskPath?: string;
  sha256: string;
  status: 'ok' | 'unreadable';
  /** Why the file could not be read, in Vietnamese. */
  error?: string;
  source: ExtractionSource | null;
  /** The document's own number as printed, without spaces (`30a/KH-SXD`). */
  number: string | null;
  numeral: string | null;
  suffixed: boolean;
  /** Decree 30 Appendix III type code, mixed case kept; null for a công văn. */
  typeCode: string | null;
  issuerCode: string | null;
  /** Year carried by a normative number (`29/2019/QĐ-UBND`). */
  year: number | null;
  /** The number is left blank (`Số:      /SNV-CCHC`): an unissued draft. */
  blankNumber: boolean;
  /** The document's own date from the place-date line. */
  date: IsoDate | null;
  place: string | null;
  /** Day or month left blank (`ngày tháng 10 năm 2024`). */
  blankDate: boolean;
  /** Overall confidence, the lower of the number's and the date's. */
  confidence: number;
  numberConfidence: number;
  dateConfidence: number;
  /**
   * A signature was found (dictionary, signature field or visible box). Whether it holds is in
   * `signatures` (each one verified) and `signatureStatus`.
   */
  signed: boolean;
  signer: string | null;
  signedAt: string | null;
  /** Every PDF signature in the file, verified (absent in readings older than reader-4.1). */
  signatures?: SignatureCheck[];
  /**
   * The file's signatures as a whole: `none` no signature dictionary (a visible box alone is not a
   * signature); `valid` every signature verifies and nothing after the last one changes the pages;
   * `broken` some signature does not verify; `modified` page content changed after signing;
   * `unverifiable` a signature could not be checked (unsupported format).
   */
  signatureStatus?: SignatureStatus;
  /** The pages are images (a scan) rather than a text layer. */
  scanned: boolean;
  /** Resolution of page 1's scan image as placed on the page, when `scanned` (Lào Cai §2 asks ≥ 200 dpi). */
  scanDpi?: number | null;
  /**
   * The turn (degrees clockwise) at which the reader read page 1's header: a scan upside down, or
   * fed sideways with no /Rotate. The parts' regions are in the page as displayed; turned by this,
   * they and the page are upright (the audit's header crop is rendered so). Absent when the page
   * was read as displayed.
   */
  turned?: 90 | 180 | 270;
  /**
   * Page 1's text layer: `ok` parsed as is; `none` no text (a scan); `legacy-font` TCVN3/VNI
   * mojibake, replaced by OCR; `garbled` glyph codes without a Unicode map, replaced by OCR.
   */
  textLayer?: 'ok' | 'none' | 'legacy-font' | 'garbled' | null;
  /**
   * The number and the date in parts, each with its status, confidence and the region it was read
   * from. The flat fields above (`number`, `date`, `blankNumber`, `numberConfidence`…) are derived
   * from these. Absent on readings made before reader-4 (and in hand-made test readings).
   */
  parts?: ExtractionParts;
  pages: number;
  /** Page on which the header was found (1-based). */
  headerPage: number | null;
  citations: Citation[];
  readerVersion: string;
  /** A person's correction or confirmation, applied over what the reader read (source `person`). */
  correction?: ReadingCorrection;
  /** Corrections of this file content that disagree: none was applied (the council decides). */
  correctionConflict?: Array<{ by: string; at: string; file: string; line: number; number: string | null; date: IsoDate | null }>;
}

// ---------------------------------------------------------------------------
// Digital signatures (chữ ký số) on evidence, verified (pipeline/evidence/signature/).

export type SignatureStatus = 'none' | 'valid' | 'broken' | 'modified' | 'unverifiable';

/** A certificate's subject and issuer as the reader reports them. */
export interface CertificateInfo {
  commonName: string | null;
  organisation: string | null;
  organisationalUnit: string | null;
  locality: string | null;
  /** ST: the province. */
  state: string | null;
  email: string | null;
  issuer: { commonName: string | null; organisation: string | null };
  serial: string;
  /** ISO 8601 instants. */
  validFrom: string;
  validTo: string;
  /** SHA-256 fingerprint, hex. */
  fingerprint: string;
}

/** One change made in a revision after a signature. */
export interface SignatureChange {
  /**
   * `signature` a new signature or timestamp; `signature-field` its field and widget; `form-field`
   * a form field's value; `annotation` an annotation added or changed; `metadata` document
   * information or XMP; `dss` validation data (PAdES DSS); `page-content` a page's content stream
   * or resources; `page` a page's own dictionary beyond its annotations; `pages` pages added or
   * removed; `other` any other object.
   */
  kind: 'signature' | 'signature-field' | 'form-field' | 'annotation' | 'metadata' | 'dss' | 'page-content' | 'page' | 'pages' | 'other';
  /** 1-based page, when the change is on a page. */
  page: number | null;
  /** PDF object number. */
  object: number;
  added: boolean;
  /**
   * Allowed after this signature (DocMDP/FieldMDP, ISO 32000-1 §12.8.2.2–3), and not an annotation
   * drawn over page 1's header after the last signature (see `overHeader`).
   */
  allowed: boolean;
  /** An annotation's /Subtype (`FreeText`, `Stamp`, `Widget`…), when the change is one. */
  subtype?: string | null;
  /**
   * A shown annotation whose rectangle meets page 1's header zone (the top 40 %, where the number
   * and date are read); for a signature widget, only one holding no signature. Drawn there after the
   * last signature, it can show a number or date nobody signed: the file is then modified after
   * signing, whatever DocMDP allows.
   */
  overHeader?: boolean;
}

/** One PDF signature (or document timestamp), verified. */
export interface SignatureCheck {
  /** 1-based, in file order (the order of signing). */
  index: number;
  kind: 'signature' | 'timestamp';
  subFilter: string | null;
  /**
   * `valid` intact and nothing disallowed after it; `broken` digest or signature does not verify, or
   * /ByteRange does not cover its revision; `modified` intact, but page content changed after it;
   * `unverifiable` could not be checked.
   */
  verdict: 'valid' | 'broken' | 'modified' | 'unverifiable';
  /** Vietnamese: what is wrong (empty when valid). */
  problems: string[];
  /** Vietnamese: changes after signing that are allowed but worth saying (an annotation added elsewhere than the header). */
  notes?: string[];
  digestAlgorithm: string | null;
  signatureAlgorithm: string | null;
  /** The digest over /ByteRange equals the signed messageDigest. */
  digestMatches: boolean | null;
  /** The signature verifies with the signer certificate's key. */
  signatureValid: boolean | null;
  /** /ByteRange covers the whole file up to the end of this signature's revision, all but /Contents. */
  coversRevision: boolean;
  /** Bytes of later revisions (incremental updates) after this signature; 0 when it covers the file. */
  bytesAfter: number;
  /** Changes in the revisions after this signature. */
  changes: SignatureChange[];
  /** DocMDP permission of a certification signature (1–3). */
  docMdp: 1 | 2 | 3 | null;
  signer: CertificateInfo | null;
  /** Signing time: the signed attribute, /M, a timestamp token; ISO 8601. */
  signingTime: { attribute: string | null; dictionary: string | null; timestamp: string | null };
  /** A timestamp token (RFC 3161) verifies over this signature. */
  timestampValid: boolean | null;
  /** The signing time (timestamp, else attribute, else /M) falls inside the certificate's validity. */
  signingTimeInValidity: boolean | null;
  /** /Reason, /Location, /Name of the dictionary. */
  reason: string | null;
  location: string | null;
  name: string | null;
  /**
   * Chain of trust: `trusted` reaches a certificate the province provides (`trust:` in batch.yaml);
   * `untrusted` it does not; `not-checked` none provided. Certificates the CMS carries, signer first.
   */
  chain: { status: 'trusted' | 'untrusted' | 'not-checked'; certificates: CertificateInfo[]; problems: string[] };
  /** The last certificate of the chain the CMS carries, DER base64, when it is not self-signed (for a trust check). */
  chainTop?: string;
  /** Revocation (CRL/OCSP) needs the network: never checked offline. */
  revocation: 'not-checked';
  /** The signer, as a party: the issuing body, a records office signing a scan, or not known. */
  role?: 'issuer' | 'records-office' | 'other';
}

// ---------------------------------------------------------------------------
// Findings and appraisal.

/**
 * What a finding does to the criterion's score:
 * `zero` scores it 0; `cap` limits it to `cap`; `review` sends it to the council
 * without changing the proposal; `exclude` disregards one evidence file (not valid evidence:
 * an unissued draft, an unsigned copy…), so the criterion is judged on the rest; `info` is recorded only.
 */
export type Effect = 'zero' | 'cap' | 'review' | 'exclude' | 'info';

export interface Finding {
  rule: string;
  effect: Effect;
  /** Vietnamese sentence the minutes can quote. */
  reason: string;
  unit: string;
  criterion?: string;
  /** Evidence path relative to the batch folder. */
  file?: string;
  page?: number;
  cap?: number;
  /**
   * With effect `review`, a finding about the unit that puts every criterion it scores before the
   * council (a report that is another unit's): none is accepted on the unit's word alone.
   */
  allCriteria?: true;
}

/** A council decision overriding the proposal (quyết định của Hội đồng). */
export interface CouncilDecision {
  unit: string;
  criterion: string;
  score: number;
  note: string;
  /** The council rules the criterion does not apply to the unit (`KAD` in the score cell). */
  notApplicable?: boolean;
}

export interface CriterionResult {
  code: string;
  title: string;
  area: string;
  /** 0 for a criterion directly under its area, 1 for its sub-criteria… */
  depth: number;
  /** Leaves are scored; a parent is the sum of its children. */
  leaf: boolean;
  max: number;
  survey: boolean;
  notApplicable: boolean;
  self: number | null;
  /** What the rules allow. */
  proposed: number;
  /** Final: the council's decision if any, else the proposal. */
  appraised: number;
  /** Some finding asks the council to look (effect `review`) and it has not decided yet. */
  review: boolean;
  council?: { score: number; note: string; notApplicable?: boolean };
  evidence: string[];
  explanation: string;
  findings: Finding[];
}

export interface AreaResult {
  code: string;
  title: string;
  kind: AreaKind;
  max: number;
  self: number;
  appraised: number;
  /** appraised ÷ applicable max × 100. */
  index: number;
}

export interface Adjustment {
  unit: string;
  kind: 'bonus' | 'penalty';
  points: number;
  reason: string;
}

export interface UnitResult {
  code: string;
  name: string;
  group: string;
  framework: string;
  /** `error` when the unit could not be appraised (no report…); see `findings`. */
  status: 'ok' | 'error';
  selfTotal: number;
  appraisedTotal: number;
  bonus: number;
  penalty: number;
  surveyPoints: number;
  /** Points on the tie-break criteria (online / postal public services), Hưng Yên art. 5.5. */
  tieBreakPoints: number;
  /** Criteria still waiting for the council (CriterionResult.review). */
  pendingReview: number;
  maxApplicable: number;
  /** 0–100, normalised to the applicable maximum. */
  index: number;
  rating: string;
  /** Rank within the unit's group (1 = best); null when not ranked. */
  rank: number | null;
  areas: AreaResult[];
  criteria: CriterionResult[];
  /** Findings not tied to one criterion (malformed report, missing folder…). */
  findings: Finding[];
  evidence: Extraction[];
}

/**
 * A batch-level input workbook declared in batch.yaml that is missing or cannot be read: the
 * ranking is not final (survey points, bonus/penalty or the council's decisions are absent).
 */
export interface InputError {
  input: 'survey' | 'adjustments' | 'councilDecisions';
  /** Path relative to the batch folder. */
  file: string;
  /** Vietnamese sentence: what is missing and why (`chưa có kết quả điều tra xã hội học: tệp … không đọc được (…)`). */
  reason: string;
}

export interface BatchResult {
  province: string;
  year: number;
  title?: string;
  dataWindow: { from: IsoDate; to: IsoDate };
  cutoff: IsoDate;
  groups: UnitGroup[];
  units: UnitResult[];
  /** Batch-level findings (problems in the optional input files…); `unit` is empty. */
  findings: Finding[];
  /**
   * The calendar, when batch.yaml has one: each round, its snapshot and per-unit outcome. `units`
   * above are the last closed round's (the one the decision uses), or the folder as it is now.
   */
  rounds?: RoundResult[];
  /** Input workbooks that could not be read: the results are provisional (exit code 7). */
  inputErrors?: InputError[];
}
