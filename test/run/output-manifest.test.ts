// The output manifest (pipeline/run/output-manifest.ts): a document rendered again from new inputs
// into the same bytes is kept in place under its new key, not rewritten; other bytes, or a file
// edited since, are written.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, OutputManifest } from '../../pipeline/run/output-manifest.js';
import { sha256Hex } from '../../pipeline/util/files.js';
import { tempDir } from '../helpers/temp.js';

async function folderWith(bytes: string): Promise<string> {
  const dir = await tempDir('cchc-manifest-');
  await writeFile(path.join(dir, 'quyet-dinh.docx'), bytes);
  await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify({ entries: { 'quyet-dinh.docx': { key: 'old-key', sha256: sha256Hex(bytes) } } }));
  return dir;
}

describe('OutputManifest.sameBytes', () => {
  it('the same bytes from another key: kept, and recorded under the new key', async () => {
    const dir = await folderWith('nội dung A');
    const manifest = await OutputManifest.open(dir);
    expect(await manifest.upToDate('quyet-dinh.docx', 'new-key')).toBe(false);
    expect(await manifest.sameBytes('quyet-dinh.docx', 'new-key', new TextEncoder().encode('nội dung A'))).toBe(true);
    expect(JSON.parse(manifest.serialise())).toEqual({ entries: { 'quyet-dinh.docx': { key: 'new-key', sha256: sha256Hex('nội dung A') } } });
    expect(await readFile(path.join(dir, 'quyet-dinh.docx'), 'utf8')).toBe('nội dung A');
  });

  it('other bytes, a file edited since it was written, or no such file before: written', async () => {
    const dir = await folderWith('nội dung A');
    const manifest = await OutputManifest.open(dir);
    expect(await manifest.sameBytes('quyet-dinh.docx', 'new-key', 'nội dung B')).toBe(false);
    expect(await manifest.sameBytes('bien-ban.docx', 'new-key', 'nội dung A')).toBe(false);
    await writeFile(path.join(dir, 'quyet-dinh.docx'), 'sửa tay');
    expect(await (await OutputManifest.open(dir)).sameBytes('quyet-dinh.docx', 'new-key', 'nội dung A')).toBe(false);
    expect(JSON.parse(manifest.serialise())).toEqual({ entries: {} });
  });
});
