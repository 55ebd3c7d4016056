// batch.yaml and the frameworks as parsed before: a text parsed once is not parsed again, its data is
// still validated, and what is learnt is written only when the run says so (after its lock).
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBatch } from '../../pipeline/batch/load-batch.js';
import { loadFramework } from '../../pipeline/framework/load-framework.js';
import { YamlKept } from '../../pipeline/util/yaml-kept.js';
import { batchYaml } from '../helpers/batch-yaml.js';
import { tempDir } from '../helpers/temp.js';

async function setup() {
  const dir = await tempDir();
  const batch = path.join(dir, 'batch');
  await mkdir(batch);
  await writeFile(path.join(batch, 'batch.yaml'), batchYaml({ units: [{ code: 'STP', name: 'Sở Tư pháp', group: 'so' }] }));
  return { batch, cache: path.join(dir, 'cache') };
}

/** The one kept file in the cache (there is one per text parsed). */
async function keptFiles(cache: string): Promise<string[]> {
  const dir = path.join(cache, 'yaml');
  return existsSync(dir) ? (await readdir(dir)).map((name) => path.join(dir, name)) : [];
}

describe('YamlKept', () => {
  it('writes nothing until flush(), then keeps batch.yaml and the framework by their text', async () => {
    const { batch, cache } = await setup();
    const kept = new YamlKept(cache);
    const loaded = await loadBatch(batch, kept);
    await loadFramework(loaded.groups[0]!.framework, loaded.dir, kept);
    expect(await keptFiles(cache)).toEqual([]);
    await kept.flush();
    expect(await keptFiles(cache)).toHaveLength(2);
  });

  it('does not parse a text it has kept: the kept data is what is validated', async () => {
    const { batch, cache } = await setup();
    const first = new YamlKept(cache);
    await loadBatch(batch, first);
    await first.flush();
    // Proof that no parse happened: the kept data, not the file, decides the province.
    const [file] = await keptFiles(cache);
    const kept = JSON.parse(await readFile(file!, 'utf8')) as { yaml: string; data: { province: string } };
    kept.data.province = 'Lào Cai';
    await writeFile(file!, JSON.stringify(kept));
    expect((await loadBatch(batch, new YamlKept(cache))).province).toBe('Lào Cai');
    expect((await loadBatch(batch)).province).toBe('Hưng Yên');
  });

  it('parses the text again when the kept data does not pass validation (and the text does)', async () => {
    const { batch, cache } = await setup();
    const first = new YamlKept(cache);
    await loadBatch(batch, first);
    await first.flush();
    const [file] = await keptFiles(cache);
    await writeFile(file!, JSON.stringify({ yaml: JSON.parse(await readFile(file!, 'utf8')).yaml, data: { province: 42 } }));
    expect((await loadBatch(batch, new YamlKept(cache))).province).toBe('Hưng Yên');
  });

  it('still names the line and column of a problem in a changed batch.yaml', async () => {
    const { batch, cache } = await setup();
    const first = new YamlKept(cache);
    await loadBatch(batch, first);
    await first.flush();
    const yamlFile = path.join(batch, 'batch.yaml');
    await writeFile(yamlFile, (await readFile(yamlFile, 'utf8')).replace('year: 2021', 'year: hai nghìn'));
    await expect(loadBatch(batch, new YamlKept(cache))).rejects.toThrow(/batch\.yaml, dòng \d+, cột \d+: year/u);
  });

  it('ignores a kept file it cannot read, and one from another version of the YAML library', async () => {
    const { batch, cache } = await setup();
    const first = new YamlKept(cache);
    await loadBatch(batch, first);
    await first.flush();
    const [file] = await keptFiles(cache);
    await writeFile(file!, JSON.stringify({ yaml: '0.0.1', data: { province: 'Lào Cai' } }));
    expect((await loadBatch(batch, new YamlKept(cache))).province).toBe('Hưng Yên');
    await writeFile(file!, '{"yaml": "2.');
    expect((await loadBatch(batch, new YamlKept(cache))).province).toBe('Hưng Yên');
  });
});
