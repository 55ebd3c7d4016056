// Read a DOCX back for assertions: its parts, its paragraphs' text, and each paragraph's XML.
import { unzipSync } from 'fflate';

export function docxParts(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(unzipSync(data))) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) out[name] = new TextDecoder().decode(bytes);
  }
  return out;
}

const decode = (s: string) =>
  s.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'").replace(/&amp;/gu, '&');

export interface DocxParagraph {
  text: string;
  xml: string;
}

/** Paragraphs of word/document.xml in order (those inside table cells included). */
export function docxParagraphs(data: Uint8Array): DocxParagraph[] {
  const xml = docxParts(data)['word/document.xml'] ?? '';
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/gu)].map((m) => {
    const inner = m[1] ?? '';
    const pieces = [...inner.matchAll(/<w:t\b[^>]*>([\s\S]*?)<\/w:t>|<w:br\/>/gu)].map((t) => (t[0] === '<w:br/>' ? '\n' : decode(t[1] ?? '')));
    return { text: pieces.join(''), xml: inner };
  });
}

/** All the document's text, one paragraph a line. */
export function docxText(data: Uint8Array): string {
  return docxParagraphs(data).map((p) => p.text).join('\n');
}
