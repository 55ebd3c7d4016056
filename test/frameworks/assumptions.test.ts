// What a framework takes from another province's text is said, not passed off as the province's rule:
// only Hưng Yên's decision 1708 (art. 5.5) states the rating bands and the downgrade; every other
// bundled framework borrows them and says so in `scoring.assumed`, which each run repeats as a finding.
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { bundledFrameworksDir, loadFramework } from '../../pipeline/framework/load-framework.js';

describe('rating bands a framework borrows', async () => {
  const ids = (await readdir(bundledFrameworksDir())).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/u, '')).sort();

  it.each(ids)('%s: bands assumed unless the province states them (Hưng Yên)', async (id) => {
    const framework = await loadFramework(id, bundledFrameworksDir());
    if (id === 'hung-yen-2021-so') expect(framework.scoring.assumed).toBeUndefined();
    else expect(framework.scoring.assumed).toMatch(/^thang xếp loại .* lấy theo Quyết định 1708\/QĐ-UBND của UBND tỉnh Hưng Yên/u);
  });
});
