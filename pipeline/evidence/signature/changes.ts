// What changed in the revisions (incremental updates) after a signature: the objects the later
// revisions add, redefine or free, each classified by what it is in the final document (or was in
// the signed one), and whether the signature's permissions allow it (ISO 32000-1 §12.8.2.2 DocMDP,
// §12.8.2.3 FieldMDP). Changing a page's content, resources or dictionary, or the page tree, is
// never allowed: that is how a number or date is rewritten after signing.
//
// Only the appended objects are parsed: those the later cross-reference sections define (and any
// `N G obj` in the appended bytes), compared with the signed revision's definition of the same
// number; the two revisions' page trees, annotations and forms are walked (dictionaries only, no
// stream is decoded) to say what each changed object is.
import { HEADER_ZONE } from '../decree30-layout.js';
import type { SignatureChange } from '../../model.js';
import type { FieldLock } from './locate.js';
import { canonical, headersIn, PdfDict, PdfName, type PdfObjects, PdfRef, type PdfValue, type Revision, textOf } from './pdf-objects.js';

/** Permissions in force after a signature: the certification signature's P, the field locks of signatures so far. */
export interface Permissions {
  docMdp: 1 | 2 | 3 | null;
  locks: FieldLock[];
}

type Kind = SignatureChange['kind'];

interface AnnotationInfo {
  kind: Kind;
  page: number;
  field: string | null;
  subtype: string | null;
  overHeader: boolean;
}

interface What {
  kind: Kind;
  page: number | null;
  field: string | null;
  subtype?: string | null;
  overHeader?: boolean;
}

interface Structure {
  /** Page object numbers, in page order. */
  pages: number[];
  /** Content streams and everything their resources reach → page number. */
  pageContent: Map<number, number>;
  /** A page's /Annots array when it is an object of its own → page number. */
  annotArrays: Map<number, number>;
  /** Annotations (and their appearance streams) → what they are. */
  annotations: Map<number, AnnotationInfo>;
  fields: Map<number, { kind: Kind; field: string | null }>;
  dss: Set<number>;
  metadata: Set<number>;
  pageTree: Set<number>;
  catalog: number | null;
}

const MAX_REACH = 20_000;
const MAX_PAGES = 10_000;

/**
 * The changes between the revision `signedEnd` ends (the signed one) and the whole file, each with
 * whether `permissions` allow it. Structure (cross-reference and object streams) is not a change.
 * Throws (a Vietnamese message) when either revision's page tree cannot be read.
 */
export function changesAfter(file: PdfObjects, signedEnd: number, finalEnd: number, permissions: Permissions): SignatureChange[] {
  const bytes = file.bytes;
  // Objects appended after the last %%EOF are outside every cross-reference section: a repairing
  // viewer still shows them, so the final revision is then read by scanning.
  const tail = headersIn(bytes, finalEnd, bytes.length);
  const then = file.revision(signedEnd);
  const now = file.revision(bytes.length, tail.size > 0);
  const candidates = new Set<number>(headersIn(bytes, signedEnd, bytes.length).keys());
  if (!now.repaired && !then.repaired) {
    const signedSections = new Set(then.sections.map((s) => s.at));
    for (const section of now.sections) if (!signedSections.has(section.at)) for (const num of section.entries.keys()) candidates.add(num);
  } else {
    for (const num of now.objectNumbers()) candidates.add(num);
  }
  const nowStructure = structureOf(now);
  const thenStructure = structureOf(then);
  // Without the pages, nothing could be told apart from page content: not judged rather than guessed.
  if (nowStructure.pages.length === 0 || thenStructure.pages.length === 0) throw new Error(`không đọc được cây trang của ${nowStructure.pages.length === 0 ? 'tệp hiện tại' : 'phiên bản đã ký'}`);
  const changes: SignatureChange[] = [];
  for (const num of [...candidates].sort((a, b) => a - b)) {
    const after = now.get(num);
    const before = then.get(num);
    if (!after && !before) continue;
    if (after && before && after.body.equals(before.body)) continue;
    const type = (after?.value instanceof PdfDict ? after.value : null)?.name('Type');
    if (type === 'XRef' || type === 'ObjStm') continue;
    const what = classify(num, after?.value ?? null, before?.value ?? null, nowStructure, thenStructure, now, then);
    if (what === null) continue;
    changes.push({
      kind: what.kind, page: what.page, object: num, added: before === null, allowed: allowed(what.kind, what.field, permissions),
      ...(what.subtype !== undefined ? { subtype: what.subtype } : {}),
      ...(what.overHeader !== undefined ? { overHeader: what.overHeader } : {}),
    });
  }
  return changes;
}

/**
 * Annotations that draw on the page and so can show a number or a date: every subtype but links and
 * pop-ups. Markup annotations (ISO 32000-1 §12.5.6.2: FreeText, Stamp, Ink, Square…), watermarks,
 * redactions and form-field widgets all do; a signature widget only when it holds no signature (a
 * signed one's appearance is part of its signature: `overHeader` is never set on it).
 */
export function drawsOverHeader(change: Pick<SignatureChange, 'kind' | 'subtype' | 'overHeader'>): boolean {
  if (change.overHeader !== true) return false;
  if (change.kind === 'form-field' || change.kind === 'signature-field') return true;
  return change.kind === 'annotation' && change.subtype !== 'Link' && change.subtype !== 'Popup';
}

function classify(num: number, value: PdfValue, old: PdfValue, now: Structure, then: Structure, nowRevision: Revision, thenRevision: Revision): What | null {
  const dict = value instanceof PdfDict ? value : null;
  const type = dict?.name('Type');
  if (dict && (dict.get('ByteRange') !== undefined || type === 'Sig' || type === 'DocTimeStamp')) return { kind: 'signature', page: null, field: null };
  // Before annotations: an object a page's content draws (a shared font) changes the page.
  const drawn = now.pageContent.get(num) ?? then.pageContent.get(num);
  if (drawn !== undefined) return { kind: 'page-content', page: drawn, field: null };
  const annotation = now.annotations.get(num) ?? then.annotations.get(num);
  if (annotation) return annotation;
  const annotArray = now.annotArrays.get(num) ?? then.annotArrays.get(num);
  if (annotArray !== undefined) return annotationsChange(old, value, now, then, annotArray);
  const field = now.fields.get(num) ?? then.fields.get(num);
  if (field) return { ...field, page: null };
  if (now.dss.has(num)) return { kind: 'dss', page: null, field: null };
  if (now.metadata.has(num)) return { kind: 'metadata', page: null, field: null };
  const pageIndex = now.pages.indexOf(num);
  if (pageIndex >= 0 || then.pages.includes(num)) {
    const page = pageIndex >= 0 ? pageIndex + 1 : then.pages.indexOf(num) + 1;
    if (old === null) return { kind: 'pages', page, field: null };
    const oldDict = old instanceof PdfDict ? old : null;
    if (!dict || !oldDict) return { kind: 'page', page, field: null };
    const changed = differingKeys(oldDict, dict);
    if (changed.every((k) => k === 'Annots')) {
      return annotationsChange(thenRevision.resolve(oldDict.get('Annots')), nowRevision.resolve(dict.get('Annots')), now, then, page);
    }
    return { kind: 'page', page, field: null };
  }
  if (now.pageTree.has(num) || then.pageTree.has(num)) {
    const oldDict = old instanceof PdfDict ? old : null;
    const changed = dict && oldDict ? differingKeys(oldDict, dict) : ['Kids'];
    return { kind: changed.some((k) => k === 'Kids' || k === 'Count') ? 'pages' : 'page', page: null, field: null };
  }
  if (num === now.catalog && old !== null) {
    const oldDict = old instanceof PdfDict ? old : null;
    const changed = dict && oldDict ? differingKeys(oldDict, dict) : ['?'];
    // A new signature, form data or validation data updates the catalog's AcroForm/DSS/Metadata entries.
    if (changed.every((k) => ['AcroForm', 'DSS', 'Metadata', 'Perms', 'Extensions'].includes(k))) return null;
    if (changed.includes('Pages')) return { kind: 'pages', page: null, field: null };
  }
  // An annotation on no page is drawn nowhere.
  if (type === 'Annot' || (dict?.get('Subtype') instanceof PdfName && dict.get('Rect') !== undefined)) return { kind: 'annotation', page: null, field: null, subtype: dict?.name('Subtype') ?? null, overHeader: false };
  return { kind: 'other', page: null, field: null };
}

/** A page's /Annots changed: what the added or removed annotations are (over the header when one of them is). */
function annotationsChange(oldList: PdfValue, newList: PdfValue, now: Structure, then: Structure, page: number): What {
  const refs = (list: PdfValue) => (Array.isArray(list) ? list.filter((a): a is PdfRef => a instanceof PdfRef).map((r) => r.num) : []);
  const before = new Set(refs(oldList));
  const after = refs(newList);
  const touched = [...after.filter((r) => !before.has(r)), ...[...before].filter((r) => !after.includes(r))];
  const infos = touched.map((r) => now.annotations.get(r) ?? then.annotations.get(r) ?? null);
  const kinds = infos.map((i) => i?.kind ?? 'annotation');
  const kind: Kind = kinds.includes('annotation') || kinds.length === 0 ? 'annotation' : kinds.includes('form-field') ? 'form-field' : 'signature-field';
  const over = infos.find((i) => i !== null && drawsOverHeader(i));
  const first = infos.find((i) => i?.kind === kind) ?? null;
  return { kind, page, field: null, subtype: (over ?? first)?.subtype ?? null, overHeader: over !== undefined };
}

function allowed(kind: Kind, field: string | null, permissions: Permissions): boolean {
  const p = permissions.docMdp;
  switch (kind) {
    case 'dss':
      return true;
    case 'signature':
    case 'signature-field':
    case 'metadata':
      return p !== 1;
    case 'form-field':
      return p !== 1 && !permissions.locks.some((lock) => locked(lock, field));
    case 'annotation':
      return p === null || p === 3;
    case 'other':
      return p !== 1;
    default:
      return false;
  }
}

function locked(lock: FieldLock, field: string | null): boolean {
  if (lock.action === 'All') return true;
  if (field === null) return lock.action === 'Exclude';
  return lock.action === 'Include' ? lock.fields.includes(field) : !lock.fields.includes(field);
}

/** Page geometry inherited down the page tree (ISO 32000-1 Table 30). */
interface Inherited {
  resources: PdfValue | undefined;
  mediaBox: PdfValue | undefined;
  cropBox: PdfValue | undefined;
  rotate: PdfValue | undefined;
}

function structureOf(revision: Revision): Structure {
  const structure: Structure = {
    pages: [], pageContent: new Map(), annotArrays: new Map(), annotations: new Map(), fields: new Map(),
    dss: new Set(), metadata: new Set(), pageTree: new Set(), catalog: null,
  };
  const root = revision.trailer.get('Root');
  structure.catalog = root instanceof PdfRef ? root.num : null;
  const catalog = revision.dict(root);
  const info = revision.trailer.get('Info');
  if (info instanceof PdfRef) structure.metadata.add(info.num);
  if (!catalog) return structure;
  const reach = (value: PdfValue | undefined, visit: (num: number) => boolean) => reachable(revision, value, visit);

  const pages: Array<{ num: number; dict: PdfDict; inherited: Inherited }> = [];
  const walkTree = (node: PdfValue | undefined, inherited: Inherited, depth: number) => {
    if (!(node instanceof PdfRef) || depth > 32 || structure.pageTree.has(node.num) || pages.length >= MAX_PAGES) return;
    const dict = revision.dict(node);
    if (!dict) return;
    const here: Inherited = {
      resources: dict.get('Resources') ?? inherited.resources,
      mediaBox: dict.get('MediaBox') ?? inherited.mediaBox,
      cropBox: dict.get('CropBox') ?? inherited.cropBox,
      rotate: dict.get('Rotate') ?? inherited.rotate,
    };
    const kids = revision.resolve(dict.get('Kids'));
    if (dict.name('Type') === 'Pages' || (Array.isArray(kids) && dict.name('Type') !== 'Page')) {
      structure.pageTree.add(node.num);
      if (Array.isArray(kids)) for (const kid of kids) walkTree(kid, here, depth + 1);
      return;
    }
    if (pages.some((p) => p.num === node.num)) return;
    pages.push({ num: node.num, dict, inherited: here });
  };
  walkTree(catalog.get('Pages'), { resources: undefined, mediaBox: undefined, cropBox: undefined, rotate: undefined }, 0);

  pages.forEach(({ num, dict, inherited }, k) => {
    structure.pages.push(num);
    const number = k + 1;
    reach(dict.get('Contents'), (ref) => setOnce(structure.pageContent, ref, number));
    reach(inherited.resources, (ref) => setOnce(structure.pageContent, ref, number));
    const annotsValue = dict.get('Annots');
    if (annotsValue instanceof PdfRef) structure.annotArrays.set(annotsValue.num, number);
    const annots = revision.resolve(annotsValue);
    if (!Array.isArray(annots)) return;
    const inHeader = number === 1 ? headerZone(revision, inherited) : () => false;
    for (const entry of annots) {
      if (!(entry instanceof PdfRef)) continue;
      const annot = revision.dict(entry);
      if (!annot) continue;
      const subtype = annot.name('Subtype');
      const widget = subtype === 'Widget';
      const fieldType = widget ? inheritedValue(revision, annot, 'FT') : undefined;
      const kind: Kind = !widget ? 'annotation' : fieldType instanceof PdfName && fieldType.name === 'Sig' ? 'signature-field' : 'form-field';
      const flags = revision.resolve(annot.get('F'));
      // Hidden (bit 2) or NoView (bit 6): not drawn (ISO 32000-1 Table 165).
      const shown = !(typeof flags === 'number' && (flags & (2 | 32)) !== 0);
      // A signature widget's appearance is covered by its signature; one holding no signature is covered by nothing.
      const unsigned = kind === 'signature-field' && !(revision.dict(inheritedValue(revision, annot, 'V') ?? null)?.get('ByteRange') !== undefined);
      const drawn = kind !== 'signature-field' || unsigned;
      const info: AnnotationInfo = { kind, page: number, field: widget ? fieldName(revision, annot) : null, subtype, overHeader: shown && drawn && inHeader(revision.resolve(annot.get('Rect'))) };
      structure.annotations.set(entry.num, info);
      reach(annot.get('AP'), (ref) => {
        if (structure.annotations.has(ref)) return false;
        structure.annotations.set(ref, info);
        return true;
      });
    }
  });
  reach(catalog.get('AcroForm'), (ref) => {
    if (structure.fields.has(ref) || structure.annotations.has(ref)) return false;
    const dict = revision.dict(new PdfRef(ref, 0));
    const fieldType = dict ? inheritedValue(revision, dict, 'FT') : undefined;
    structure.fields.set(ref, { kind: fieldType instanceof PdfName && fieldType.name === 'Sig' ? 'signature-field' : 'form-field', field: dict ? fieldName(revision, dict) : null });
    return !(dict && dict.get('ByteRange') !== undefined);
  });
  reach(catalog.get('DSS'), (ref) => !structure.dss.has(ref) && Boolean(structure.dss.add(ref)));
  const metadata = catalog.get('Metadata');
  if (metadata instanceof PdfRef) structure.metadata.add(metadata.num);
  return structure;
}

/**
 * Whether a rectangle meets the header zone of the page: the top `HEADER_ZONE` share of the page as
 * displayed (crop box within the media box, turned by /Rotate), where the reader takes the number
 * and date from. A rectangle with no area is not drawn.
 */
function headerZone(revision: Revision, inherited: Inherited): (rect: PdfValue) => boolean {
  const box = (value: PdfValue | undefined) => {
    const resolved = revision.resolve(value);
    const numbers = Array.isArray(resolved) ? resolved.map((v) => revision.resolve(v)) : [];
    if (numbers.length !== 4 || !numbers.every((n) => typeof n === 'number')) return null;
    const [a, b, c, d] = numbers as number[];
    return { x0: Math.min(a as number, c as number), y0: Math.min(b as number, d as number), x1: Math.max(a as number, c as number), y1: Math.max(b as number, d as number) };
  };
  const page = box(inherited.cropBox) ?? box(inherited.mediaBox) ?? { x0: 0, y0: 0, x1: 595.28, y1: 841.89 };
  const rotateValue = revision.resolve(inherited.rotate);
  const rotate = ((((typeof rotateValue === 'number' ? Math.round(rotateValue / 90) * 90 : 0) % 360) + 360) % 360);
  const width = page.x1 - page.x0;
  const height = page.y1 - page.y0;
  // The displayed top edge: y1 upright; x0 turned 90° clockwise; y0 upside down; x1 turned 270°.
  const zone = rotate === 90 ? { ...page, x1: page.x0 + width * HEADER_ZONE }
    : rotate === 180 ? { ...page, y1: page.y0 + height * HEADER_ZONE }
      : rotate === 270 ? { ...page, x0: page.x1 - width * HEADER_ZONE }
        : { ...page, y0: page.y1 - height * HEADER_ZONE };
  return (rectValue) => {
    const rect = box(rectValue ?? undefined);
    if (!rect || rect.x1 - rect.x0 <= 0 || rect.y1 - rect.y0 <= 0) return false;
    return rect.x0 < zone.x1 && zone.x0 < rect.x1 && rect.y0 < zone.y1 && zone.y0 < rect.y1;
  };
}

function setOnce(map: Map<number, number>, num: number, value: number): boolean {
  if (map.has(num)) return false;
  map.set(num, value);
  return true;
}

/** Visit every indirect object reachable from `value` (dictionaries only, streams by their dictionary); `visit` returns false to stop at one. */
function reachable(revision: Revision, value: PdfValue | undefined, visit: (num: number) => boolean): void {
  const stack: PdfValue[] = value === undefined ? [] : [value];
  let steps = 0;
  while (stack.length > 0 && steps < MAX_REACH) {
    steps += 1;
    const item = stack.pop() ?? null;
    if (item instanceof PdfRef) {
      if (!visit(item.num)) continue;
      const target = revision.get(item.num);
      if (target) stack.push(target.value);
    } else if (item instanceof PdfDict) {
      for (const [key, entry] of item.entries) if (key !== 'Parent' && key !== 'P') stack.push(entry);
    } else if (Array.isArray(item)) {
      stack.push(...item);
    }
  }
}

function inheritedValue(revision: Revision, dict: PdfDict, key: string): PdfValue | undefined {
  let node: PdfDict | null = dict;
  for (let depth = 0; node && depth < 16; depth += 1) {
    const value = node.get(key);
    if (value !== undefined) return revision.resolve(value);
    node = revision.dict(node.get('Parent'));
  }
  return undefined;
}

/** A form field's fully qualified name (ISO 32000-1 §12.7.3.2): partial names joined by dots. */
function fieldName(revision: Revision, dict: PdfDict): string | null {
  const parts: string[] = [];
  let node: PdfDict | null = dict;
  for (let depth = 0; node && depth < 16; depth += 1) {
    const t = textOf(revision.resolve(node.get('T')));
    if (t !== null) parts.unshift(t);
    node = revision.dict(node.get('Parent'));
  }
  return parts.length > 0 ? parts.join('.') : null;
}

function differingKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.entries.keys(), ...b.entries.keys()]);
  return [...keys].filter((k) => canonical(a.get(k)) !== canonical(b.get(k)));
}
