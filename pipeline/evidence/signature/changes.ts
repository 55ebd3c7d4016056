// What changed in the revisions (incremental updates) after a signature: the objects the later
// revisions add or redefine, each classified by what it is in the final document, and whether the
// signature's permissions allow it (ISO 32000-1 §12.8.2.2 DocMDP, §12.8.2.3 FieldMDP). Changing a
// page's content, resources or dictionary, or the page tree, is never allowed: that is how a
// number or date is rewritten after signing.
import type { SignatureChange } from '../../model.js';
import { PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFName, type PDFObject, PDFRawStream, PDFRef, PDFString } from '../pdf-lib.js';
import type { FieldLock } from './locate.js';

/** Permissions in force after a signature: the certification signature's P, the field locks of signatures so far. */
export interface Permissions {
  docMdp: 1 | 2 | 3 | null;
  locks: FieldLock[];
}

type Kind = SignatureChange['kind'];

interface Structure {
  pages: PDFRef[];
  /** Content streams and everything their resources reach → page number. */
  pageContent: Map<PDFRef, number>;
  /** Annotations (and their appearance streams) → kind, page, field name. */
  annotations: Map<PDFRef, { kind: Kind; page: number; field: string | null }>;
  fields: Map<PDFRef, { kind: Kind; field: string | null }>;
  dss: Set<PDFRef>;
  metadata: Set<PDFRef>;
  pageTree: Set<PDFRef>;
  catalog: PDFRef | null;
}

const MAX_REACH = 20_000;

/**
 * Objects of `after` (the whole file) that are new or differ from `before` (the file as signed),
 * with what they are. Structure (XRef, object streams) is not a change.
 */
export function changesBetween(before: PDFDocument, after: PDFDocument, permissions: Permissions): SignatureChange[] {
  const now = structureOf(after);
  const then = structureOf(before);
  const changes: SignatureChange[] = [];
  for (const [ref, object] of after.context.enumerateIndirectObjects()) {
    const old = before.context.lookup(ref);
    if (old !== undefined && same(old, object)) continue;
    const dict = dictOf(object);
    const type = dict?.get(PDFName.of('Type'));
    if (type === PDFName.of('XRef') || type === PDFName.of('ObjStm')) continue;
    const what = classify(ref, object, old, now, then);
    if (what === null) continue;
    changes.push({ kind: what.kind, page: what.page, object: ref.objectNumber, added: old === undefined, allowed: allowed(what.kind, what.field, permissions) });
  }
  return changes.sort((a, b) => a.object - b.object);
}

function classify(ref: PDFRef, object: PDFObject, old: PDFObject | undefined, now: Structure, then: Structure): { kind: Kind; page: number | null; field: string | null } | null {
  const dict = dictOf(object);
  const type = dict?.get(PDFName.of('Type'));
  if (dict && (dict.has(PDFName.of('ByteRange')) || type === PDFName.of('Sig') || type === PDFName.of('DocTimeStamp'))) return { kind: 'signature', page: null, field: null };
  // Before annotations: an object a page's content draws (a shared font) changes the page.
  const drawn = now.pageContent.get(ref) ?? then.pageContent.get(ref);
  if (drawn !== undefined) return { kind: 'page-content', page: drawn, field: null };
  const annotation = now.annotations.get(ref) ?? then.annotations.get(ref);
  if (annotation) return annotation;
  const field = now.fields.get(ref) ?? then.fields.get(ref);
  if (field) return { ...field, page: null };
  if (now.dss.has(ref)) return { kind: 'dss', page: null, field: null };
  if (now.metadata.has(ref)) return { kind: 'metadata', page: null, field: null };
  const pageIndex = now.pages.indexOf(ref);
  if (pageIndex >= 0 || then.pages.includes(ref)) {
    const page = pageIndex >= 0 ? pageIndex + 1 : then.pages.indexOf(ref) + 1;
    if (old === undefined) return { kind: 'pages', page, field: null };
    const oldDict = dictOf(old);
    if (!dict || !oldDict) return { kind: 'page', page, field: null };
    const changed = differingKeys(oldDict, dict);
    if (changed.every((k) => k === 'Annots')) return annotationsChange(oldDict, dict, now, page);
    return { kind: 'page', page, field: null };
  }
  if (now.pageTree.has(ref) || then.pageTree.has(ref)) {
    const oldDict = old ? dictOf(old) : undefined;
    const changed = dict && oldDict ? differingKeys(oldDict, dict) : ['Kids'];
    return { kind: changed.some((k) => k === 'Kids' || k === 'Count') ? 'pages' : 'page', page: null, field: null };
  }
  if (ref === now.catalog && old) {
    const oldDict = dictOf(old);
    const changed = dict && oldDict ? differingKeys(oldDict, dict) : ['?'];
    // A new signature, form data or validation data updates the catalog's AcroForm/DSS/Metadata entries.
    if (changed.every((k) => ['AcroForm', 'DSS', 'Metadata', 'Perms', 'Extensions'].includes(k))) return null;
    if (changed.includes('Pages')) return { kind: 'pages', page: null, field: null };
  }
  return { kind: 'other', page: null, field: null };
}

/** A page whose only change is its /Annots: what the added or removed annotations are. */
function annotationsChange(oldDict: PDFDict, dict: PDFDict, now: Structure, page: number): { kind: Kind; page: number; field: string | null } {
  const refs = (d: PDFDict) => {
    const annots = d.lookup(PDFName.of('Annots'));
    return annots instanceof PDFArray ? annots.asArray().filter((a): a is PDFRef => a instanceof PDFRef) : [];
  };
  const before = new Set(refs(oldDict));
  const after = refs(dict);
  const touched = [...after.filter((r) => !before.has(r)), ...[...before].filter((r) => !after.includes(r))];
  const kinds = touched.map((r) => now.annotations.get(r)?.kind ?? 'annotation');
  const kind: Kind = kinds.includes('annotation') || kinds.length === 0 ? 'annotation' : kinds.includes('form-field') ? 'form-field' : 'signature-field';
  return { kind, page, field: null };
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

function structureOf(doc: PDFDocument): Structure {
  const context = doc.context;
  const structure: Structure = {
    pages: [], pageContent: new Map(), annotations: new Map(), fields: new Map(), dss: new Set(), metadata: new Set(), pageTree: new Set(), catalog: null,
  };
  const root = context.trailerInfo.Root;
  structure.catalog = root instanceof PDFRef ? root : null;
  const catalog = context.lookup(root);
  if (!(catalog instanceof PDFDict)) return structure;
  let pages: ReturnType<PDFDocument['getPages']> = [];
  try {
    pages = doc.getPages();
  } catch {
    pages = [];
  }
  const walkTree = (node: PDFObject | undefined, depth: number) => {
    if (!(node instanceof PDFRef) || depth > 32 || structure.pageTree.has(node)) return;
    const dict = context.lookup(node);
    if (!(dict instanceof PDFDict) || dict.get(PDFName.of('Type')) !== PDFName.of('Pages')) return;
    structure.pageTree.add(node);
    const kids = dict.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) walkTree(kid, depth + 1);
  };
  walkTree(catalog.get(PDFName.of('Pages')), 0);
  pages.forEach((page, k) => {
    structure.pages.push(page.ref);
    const number = k + 1;
    const reach = (value: PDFObject | undefined, into: (ref: PDFRef) => boolean) => reachable(doc, value, into);
    reach(page.node.get(PDFName.of('Contents')), (ref) => setOnce(structure.pageContent, ref, number));
    reach(page.node.Resources(), (ref) => setOnce(structure.pageContent, ref, number));
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) return;
    for (const entry of annots.asArray()) {
      if (!(entry instanceof PDFRef)) continue;
      const annot = context.lookup(entry);
      if (!(annot instanceof PDFDict)) continue;
      const widget = annot.get(PDFName.of('Subtype')) === PDFName.of('Widget');
      const fieldType = widget ? inherited(annot, 'FT') : undefined;
      const kind: Kind = !widget ? 'annotation' : fieldType === PDFName.of('Sig') ? 'signature-field' : 'form-field';
      const info = { kind, page: number, field: widget ? fieldName(annot) : null };
      structure.annotations.set(entry, info);
      reach(annot.get(PDFName.of('AP')), (ref) => {
        if (structure.annotations.has(ref)) return false;
        structure.annotations.set(ref, info);
        return true;
      });
    }
  });
  const acroForm = catalog.get(PDFName.of('AcroForm'));
  reachable(doc, acroForm, (ref) => {
    if (structure.fields.has(ref) || structure.annotations.has(ref)) return false;
    const dict = context.lookup(ref);
    const fieldType = dict instanceof PDFDict ? inherited(dict, 'FT') : undefined;
    structure.fields.set(ref, { kind: fieldType === PDFName.of('Sig') ? 'signature-field' : 'form-field', field: dict instanceof PDFDict ? fieldName(dict) : null });
    return !(dict instanceof PDFDict && dict.has(PDFName.of('ByteRange')));
  });
  reachable(doc, catalog.get(PDFName.of('DSS')), (ref) => !structure.dss.has(ref) && Boolean(structure.dss.add(ref)));
  const metadata = catalog.get(PDFName.of('Metadata'));
  if (metadata instanceof PDFRef) structure.metadata.add(metadata);
  const info = context.trailerInfo.Info;
  if (info instanceof PDFRef) structure.metadata.add(info);
  return structure;
}

function setOnce(map: Map<PDFRef, number>, ref: PDFRef, value: number): boolean {
  if (map.has(ref)) return false;
  map.set(ref, value);
  return true;
}

/** Visit every indirect object reachable from `value`; `visit` returns false to stop at one. */
function reachable(doc: PDFDocument, value: PDFObject | undefined, visit: (ref: PDFRef) => boolean): void {
  const stack: PDFObject[] = value === undefined ? [] : [value];
  let steps = 0;
  while (stack.length > 0 && steps < MAX_REACH) {
    steps += 1;
    const item = stack.pop();
    if (item instanceof PDFRef) {
      if (!visit(item)) continue;
      const target = doc.context.lookup(item);
      if (target !== undefined) stack.push(target);
    } else if (item instanceof PDFDict) {
      for (const [key, entry] of item.entries()) if (key !== PDFName.of('Parent') && key !== PDFName.of('P')) stack.push(entry);
    } else if (item instanceof PDFArray) {
      stack.push(...item.asArray());
    } else if (item instanceof PDFRawStream) {
      stack.push(item.dict);
    }
  }
}

function inherited(dict: PDFDict, key: string): PDFObject | undefined {
  let node: PDFDict | undefined = dict;
  for (let depth = 0; node && depth < 16; depth += 1) {
    const value = node.get(PDFName.of(key));
    if (value !== undefined) return value;
    const parent: PDFObject | undefined = node.lookup(PDFName.of('Parent'));
    node = parent instanceof PDFDict ? parent : undefined;
  }
  return undefined;
}

/** A form field's fully qualified name (ISO 32000-1 §12.7.3.2): partial names joined by dots. */
function fieldName(dict: PDFDict): string | null {
  const parts: string[] = [];
  let node: PDFDict | undefined = dict;
  for (let depth = 0; node && depth < 16; depth += 1) {
    const t = node.get(PDFName.of('T'));
    if (t instanceof PDFString || t instanceof PDFHexString) parts.unshift(t.decodeText());
    const parent: PDFObject | undefined = node.lookup(PDFName.of('Parent'));
    node = parent instanceof PDFDict ? parent : undefined;
  }
  return parts.length > 0 ? parts.join('.') : null;
}

function dictOf(object: PDFObject): PDFDict | undefined {
  if (object instanceof PDFDict) return object;
  if (object instanceof PDFRawStream) return object.dict;
  return undefined;
}

function differingKeys(a: PDFDict, b: PDFDict): string[] {
  const keys = new Set([...a.keys(), ...b.keys()].map((k) => k.decodeText()));
  return [...keys].filter((k) => a.get(PDFName.of(k))?.toString() !== b.get(PDFName.of(k))?.toString());
}

/** Views, not copies: a scan's page image is megabytes. */
function view(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function same(a: PDFObject, b: PDFObject): boolean {
  if (a instanceof PDFRawStream && b instanceof PDFRawStream) return a.contents.length === b.contents.length && a.dict.toString() === b.dict.toString() && view(a.contents).equals(view(b.contents));
  if (a instanceof PDFRawStream || b instanceof PDFRawStream) return false;
  return a.toString() === b.toString();
}
