// A corpus of evidence PDFs of every kind the reader meets, each with its ground truth: Word
// exports, drafts with blank numbers, signed documents whose number and day exist only in a signing
// overlay, scans (150–300 dpi, skewed, noisy, faded, upside down, numbers stamped in another ink,
// black-and-white), legacy-font text layers, multi-page documents. Bodies cite other documents with
// suffixed numbers and long-form dates, as distractors. Deterministic for a seed.
import type { DocumentSpec } from './decree30-pdf.js';
import { renderDocument } from './decree30-pdf.js';
import { renderLegacyFontDocument } from './legacy-font-pdf.js';
import { createRandom, type Random } from './random.js';
import { renderScannedDocument } from './scan-pdf.js';
import { renderSignedDocument } from './signed-pdf.js';

export interface Issuer {
  parentBody?: string;
  issuingBody: string;
  /** Issuer code in numbers (`SXD`, `UBND`). */
  code: string;
  /** Drafting units for công văn symbols (`UBND-NV`). */
  units: string[];
  place: string;
  /** Names for the signing certificate. */
  agency: string;
  parent: string;
  email: string;
}

export const ISSUERS: Issuer[] = [
  { parentBody: 'UBND TỈNH HƯNG YÊN', issuingBody: 'SỞ XÂY DỰNG', code: 'SXD', units: ['VP', 'QLXD'], place: 'Hưng Yên', agency: 'Sở Xây dựng', parent: 'Tỉnh Hưng Yên', email: 'sxd@hungyen.gov.vn' },
  { parentBody: 'UBND TỈNH LÀO CAI', issuingBody: 'SỞ NỘI VỤ', code: 'SNV', units: ['CCHC&QLVTLT', 'TCBC'], place: 'Lào Cai', agency: 'Sở Nội vụ', parent: 'Tỉnh Lào Cai', email: 'snv@laocai.gov.vn' },
  { parentBody: 'UBND TỈNH LÀO CAI', issuingBody: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', code: 'SGDĐT', units: ['GDTH', 'VP'], place: 'Lào Cai', agency: 'Sở Giáo dục và Đào tạo', parent: 'Tỉnh Lào Cai', email: 'sgddt@laocai.gov.vn' },
  { issuingBody: 'ỦY BAN NHÂN DÂN\nHUYỆN TAM ĐƯỜNG', code: 'UBND', units: ['NV', 'VP'], place: 'Tam Đường', agency: 'UBND huyện Tam Đường', parent: 'Tỉnh Lai Châu', email: 'ubndtd@laichau.gov.vn' },
  { parentBody: 'UBND TỈNH THÁI NGUYÊN', issuingBody: 'SỞ TƯ PHÁP', code: 'STP', units: ['VP', 'HCTP'], place: 'Thái Nguyên', agency: 'Sở Tư pháp', parent: 'Tỉnh Thái Nguyên', email: 'stp@thainguyen.gov.vn' },
  { parentBody: 'UBND TỈNH TUYÊN QUANG', issuingBody: 'SỞ NÔNG NGHIỆP VÀ\nPHÁT TRIỂN NÔNG THÔN', code: 'SNN&PTNT', units: ['VP', 'KHTC'], place: 'Tuyên Quang', agency: 'Sở Nông nghiệp và Phát triển nông thôn', parent: 'Tỉnh Tuyên Quang', email: 'snnptnt@tuyenquang.gov.vn' },
  { parentBody: 'UBND TỈNH BẮC GIANG', issuingBody: 'SỞ TÀI CHÍNH', code: 'STC', units: ['VP', 'QLNS'], place: 'Bắc Giang', agency: 'Sở Tài chính', parent: 'Tỉnh Bắc Giang', email: 'stc@bacgiang.gov.vn' },
  { issuingBody: 'ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH', code: 'UBND', units: ['VP', 'KT'], place: 'Ninh Bình', agency: 'UBND tỉnh Ninh Bình', parent: 'Tỉnh Ninh Bình', email: 'ubnd@ninhbinh.gov.vn' },
];

const KINDS: { title: string | null; code: string | null }[] = [
  { title: 'KẾ HOẠCH', code: 'KH' },
  { title: 'BÁO CÁO', code: 'BC' },
  { title: 'QUYẾT ĐỊNH', code: 'QĐ' },
  { title: 'THÔNG BÁO', code: 'TB' },
  { title: 'HƯỚNG DẪN', code: 'HD' },
  { title: 'TỜ TRÌNH', code: 'TTr' },
  { title: 'CHƯƠNG TRÌNH', code: 'CTr' },
  { title: 'BIÊN BẢN', code: 'BB' },
  { title: null, code: null },
];

const SUBJECTS = [
  'Cải cách hành chính năm {y}',
  'Kiểm soát thủ tục hành chính năm {y}',
  'Tuyên truyền cải cách hành chính năm {y}',
  'Kết quả thực hiện công tác cải cách hành chính quý III năm {y}',
  'Chuyển đổi số và xây dựng chính quyền số năm {y}',
  'Kiện toàn tổ chức bộ máy, biên chế năm {y}',
];

export interface GroundTruth {
  number: string | null;
  numeral: string | null;
  suffixed: boolean;
  typeCode: string | null;
  date: string | null;
  blankNumber: boolean;
  blankDate: boolean;
  signed: boolean;
  scanned: boolean;
}

export interface CorpusItem {
  name: string;
  /** What kind of evidence PDF it is (`text`, `signed-stamp`, `scan-upside-down`…). */
  kind: string;
  bytes: Buffer;
  truth: GroundTruth;
}

/** A random Decree 30 document with its ground truth. */
export function randomDocument(random: Random, options: { suffixed?: boolean; blank?: boolean; normative?: boolean; paragraphs?: number } = {}): { spec: DocumentSpec; truth: GroundTruth; issuer: Issuer } {
  const issuer = random.pick(ISSUERS);
  const kind = options.normative ? { title: 'QUYẾT ĐỊNH', code: 'QĐ' } : random.pick(KINDS);
  const year = random.int(2021, 2024);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const n = random.chance(0.15) ? random.int(1, 9) : random.int(10, 2999);
  const numeralBase = n < 10 ? `0${n}` : String(n);
  const numeral = options.suffixed ? `${numeralBase}${random.pick(['a', 'b', 'c'])}` : numeralBase;
  const symbol = options.normative
    ? `${year}/QĐ-${issuer.code}`
    : kind.code
      ? `${kind.code}-${issuer.code}`
      : `${issuer.code}-${random.pick(issuer.units)}`;
  const subject = random.pick(SUBJECTS).replace('{y}', String(year));
  const spec: DocumentSpec = {
    ...(issuer.parentBody ? { parentBody: issuer.parentBody } : {}),
    issuingBody: issuer.issuingBody,
    numeral: options.blank ? null : numeral,
    symbol,
    place: issuer.place,
    date: { day: options.blank ? null : day, month, year },
    kind: kind.title,
    summary: kind.title ? subject : `V/v ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`,
    ...(kind.title ? {} : { addressees: ['Các cơ quan, đơn vị thuộc tỉnh'] }),
    body: body(random, year, options.paragraphs ?? random.int(3, 7)),
    recipients: ['Như trên', 'UBND tỉnh (b/c)', 'Lưu: VT'],
    signer: { prefixes: random.chance(0.5) ? ['KT. GIÁM ĐỐC'] : [], title: random.chance(0.5) ? 'PHÓ GIÁM ĐỐC' : 'GIÁM ĐỐC', name: random.pick(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Minh Châu', 'Phạm Quốc Dũng', 'Hoàng Thu Hà']) },
  };
  const truth: GroundTruth = {
    number: options.blank ? null : `${numeral}/${symbol}`,
    numeral: options.blank ? null : numeral,
    suffixed: !options.blank && options.suffixed === true,
    typeCode: kind.code,
    date: options.blank ? null : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    blankNumber: options.blank === true,
    blankDate: options.blank === true,
    signed: false,
    scanned: false,
  };
  return { spec, truth, issuer };
}

/** Body paragraphs citing other documents: suffixed numbers, short and long dates, deadlines. */
function body(random: Random, year: number, paragraphs: number): string[] {
  const cite = () => {
    const kind = random.pick(['Quyết định', 'Kế hoạch', 'Công văn', 'Nghị quyết', 'Thông báo']);
    const code = { 'Quyết định': 'QĐ-UBND', 'Kế hoạch': 'KH-UBND', 'Công văn': 'UBND-VP', 'Nghị quyết': 'NQ-HĐND', 'Thông báo': 'TB-UBND' }[kind];
    const num = `${random.int(1, 2999)}${random.chance(0.35) ? random.pick(['a', 'b']) : ''}`;
    const d = random.int(1, 28);
    const m = random.int(1, 12);
    const y = year - random.int(0, 2);
    const date = random.chance(0.5) ? `ngày ${d}/${m}/${y}` : `ngày ${String(d).padStart(2, '0')} tháng ${m} năm ${y}`;
    return `${kind} số ${num}/${code} ${date}`;
  };
  const out = [`Căn cứ ${cite()} của Ủy ban nhân dân tỉnh về việc triển khai công tác cải cách hành chính;`, `Thực hiện ${cite()} và ${cite()}, cơ quan xây dựng nội dung như sau:`];
  for (let k = 2; k < paragraphs; k += 1) {
    out.push(random.chance(0.3)
      ? `#${['I', 'II', 'III', 'IV', 'V'][k % 5]}. ${random.pick(['MỤC ĐÍCH, YÊU CẦU', 'NỘI DUNG', 'TỔ CHỨC THỰC HIỆN', 'KẾT QUẢ ĐẠT ĐƯỢC'])}`
      : `${k}. Các phòng, đơn vị triển khai thực hiện theo ${cite()}, báo cáo kết quả trước ngày 30/11/${year} để tổng hợp, đồng thời rà soát, cập nhật tài liệu kiểm chứng theo quy định tại ${cite()}.`);
  }
  return out;
}

export interface CorpusMix {
  /** How many of each kind; the corpus has their sum. */
  [kind: string]: number;
}

/** The benchmark's default mix (120 files). */
export const DEFAULT_MIX: CorpusMix = {
  'text': 14,
  'text-suffixed': 6,
  'text-normative': 3,
  'text-lookalike': 3,
  'text-multipage': 4,
  'draft-blank': 5,
  'signed-freetext': 12,
  'signed-stamp': 10,
  'signed-image-box': 8,
  'scan-clean': 8,
  'scan-noisy': 12,
  'scan-stamped': 10,
  'scan-upside-down': 6,
  'scan-bilevel': 6,
  'legacy-tcvn3': 8,
  'legacy-vni': 5,
};

/**
 * The harsher set (what real evidence looks like, from real-headers/README.md): scans at 150 dpi
 * (and 100), JPEG quality 30–50, faded ink, skew up to ±1.5°, numbers and days written into the
 * blanks by pen (black or blue) or stamped, incoming `ĐẾN` stamps under the date line, signing-time
 * boxes at the top; signed exports whose number and day are signature-widget appearances; scans
 * with the hidden text layer scanner software writes. 50 files.
 */
export const HARSH_MIX: CorpusMix = {
  'harsh-scan': 12,
  'harsh-scan-100dpi': 6,
  'harsh-pen': 14,
  'harsh-stamped': 8,
  'harsh-signed-widgets': 6,
  'harsh-ocr-layer': 4,
};

/** Generate one corpus item of `kind` from `seed`. */
export async function corpusItem(kind: string, seed: number, index: number): Promise<CorpusItem> {
  const random = createRandom(seed);
  const name = `${String(index).padStart(3, '0')}-${kind}.pdf`;
  const suffixed = kind === 'text-suffixed' || (!kind.startsWith('draft') && random.chance(0.12));
  const { spec, truth, issuer } = randomDocument(random, {
    suffixed,
    blank: kind === 'draft-blank',
    normative: kind === 'text-normative',
    paragraphs: kind === 'text-multipage' ? random.int(18, 30) : random.int(3, 7),
  });
  const signer = { agency: issuer.agency, parent: issuer.parent, email: issuer.email };
  switch (kind) {
    case 'text':
    case 'text-suffixed':
    case 'text-normative':
    case 'text-multipage':
    case 'draft-blank':
      return { name, kind, bytes: await renderDocument(spec), truth };
    case 'text-lookalike': {
      // Fonts with odd encodings: `Ð` (U+00D0) for Đ, Cyrillic К and С in the symbol; the page looks the same.
      const odd = { ...spec, symbol: spec.symbol.replace(/Đ/gu, 'Ð').replace(/K/gu, 'К').replace(/C/gu, 'С') };
      return { name, kind, bytes: await renderDocument(odd), truth };
    }
    case 'signed-freetext':
    case 'signed-stamp':
    case 'signed-image-box': {
      const dayOnly = kind === 'signed-stamp' && random.chance(0.25);
      const bytes = await renderSignedDocument(spec, {
        seed,
        overlay: kind === 'signed-freetext' ? 'freetext' : kind === 'signed-image-box' ? 'stamp-image' : 'stamp',
        stampNumber: !dayOnly,
        stampDay: true,
        box: kind === 'signed-image-box' ? 'image' : random.chance(0.6) ? 'text' : 'none',
        signer,
      });
      return { name, kind, bytes, truth: { ...truth, signed: true } };
    }
    case 'scan-clean':
    case 'scan-noisy':
    case 'scan-stamped':
    case 'scan-upside-down':
    case 'scan-bilevel': {
      const noisy = kind !== 'scan-clean';
      const bytes = await renderScannedDocument(spec, {
        seed,
        dpi: kind === 'scan-bilevel' ? random.pick([200, 300]) : random.pick([150, 200, 200, 300]),
        skewDegrees: random.range(-2, 2),
        noise: noisy ? random.range(0.3, 0.8) : 0.1,
        fade: noisy ? random.range(0.1, 0.35) : 0.05,
        jpegQuality: random.int(noisy ? 35 : 55, noisy ? 60 : 75),
        upsideDown: kind === 'scan-upside-down',
        encoding: kind === 'scan-bilevel' ? 'bilevel' : 'jpeg',
        maxPages: 2,
        ...(kind === 'scan-stamped' || random.chance(0.2)
          ? { stamp: { number: true, day: random.chance(0.5), ink: random.pick(['blue', 'violet', 'red'] as const), style: random.pick(['numbering-stamp', 'handwriting'] as const) } }
          : {}),
      });
      return { name, kind, bytes, truth: { ...truth, scanned: true } };
    }
    case 'harsh-scan':
    case 'harsh-scan-100dpi':
    case 'harsh-pen':
    case 'harsh-stamped':
    case 'harsh-ocr-layer': {
      const pen = kind === 'harsh-pen';
      const stamped = kind === 'harsh-stamped';
      const { year, month } = spec.date;
      const bytes = await renderScannedDocument(spec, {
        seed,
        dpi: kind === 'harsh-scan-100dpi' ? 100 : 150,
        skewDegrees: random.range(-1.5, 1.5),
        noise: random.range(0.4, 0.9),
        fade: random.range(0.25, 0.5),
        jpegQuality: random.int(30, 50),
        maxPages: 1,
        ...(kind === 'harsh-ocr-layer' ? { ocrTextLayer: true, dpi: 200 } : {}),
        ...(pen || stamped
          ? { stamp: { number: true, day: random.chance(0.8), ink: random.pick(pen ? (['black', 'black', 'blue'] as const) : (['blue', 'violet'] as const)), style: pen ? 'pen' as const : 'numbering-stamp' as const } }
          : {}),
        ...(stamped || random.chance(0.2) ? { arrivalStamp: { number: random.int(100, 2999), date: `${random.int(1, 28)}/${month ?? 1}/${String(year).slice(2)}` } } : {}),
        ...(random.chance(0.4) ? { signingBox: [`Ky boi: ${issuer.agency}`, `Co quan: ${issuer.parent}`, `Thoi gian ky: ${String(random.int(1, 28)).padStart(2, '0')}.${String(month ?? 1).padStart(2, '0')}.${year} 10:21:11 +07:00`] } : {}),
      });
      return { name, kind, bytes, truth: { ...truth, scanned: true } };
    }
    case 'harsh-signed-widgets': {
      const bytes = await renderSignedDocument(spec, { seed, overlay: 'sig-widgets', box: random.chance(0.5) ? 'text' : 'none', signer });
      return { name, kind, bytes, truth: { ...truth, signed: true } };
    }
    case 'legacy-tcvn3':
    case 'legacy-vni':
      return { name, kind, bytes: await renderLegacyFontDocument(spec, kind === 'legacy-tcvn3' ? 'tcvn3' : 'vni'), truth };
    default:
      throw new Error(`unknown corpus kind ${kind}`);
  }
}

/** Every item of `mix`, interleaved so kinds are spread through the corpus. */
export async function* generateCorpus(mix: CorpusMix, seed: number): AsyncGenerator<CorpusItem> {
  const kinds = Object.entries(mix).flatMap(([kind, count]) => Array.from({ length: count }, () => kind));
  const order = createRandom(seed);
  for (let i = kinds.length - 1; i > 0; i -= 1) {
    const j = Math.floor(order.next() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] ?? '', kinds[i] ?? ''];
  }
  for (const [index, kind] of kinds.entries()) yield corpusItem(kind, seed * 1000 + index, index + 1);
}
