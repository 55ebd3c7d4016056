// One evidence cache shared by the tests that run the sample batch but do not test reading itself:
// the sample's scans are OCR'd once per test run, not once per test.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedCache: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cchc-shared-cache-'));
  project.provide('sharedCache', dir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
