// Header crops kept by the file's SHA-256, the reader's version (the regions come from the
// reading) and the crop's own version, beside the cached readings: an unchanged file's crop is
// never rendered twice.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/files.js';
import { CROP_VERSION } from './header-crop.js';

export class CropCache {
  constructor(
    private readonly dir: string,
    private readonly readerVersion: string,
  ) {}

  /** Where the crop of a file with this SHA-256 is (or would be) kept. */
  file(sha256: string): string {
    return path.join(this.dir, 'crops', sha256.slice(0, 2), `${sha256}.${this.readerVersion}.${CROP_VERSION}.png`);
  }

  has(sha256: string): boolean {
    return existsSync(this.file(sha256));
  }

  async put(sha256: string, png: Uint8Array): Promise<void> {
    await writeFileAtomic(this.file(sha256), png);
  }
}
