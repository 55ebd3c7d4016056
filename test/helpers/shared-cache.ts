import { inject } from 'vitest';

/** `--cache` arguments for a run that need not read the sample's evidence cold. */
export function sharedCacheArgs(): string[] {
  return ['--cache', inject('sharedCache')];
}
