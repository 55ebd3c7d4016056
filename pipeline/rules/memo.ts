// Values the cross-unit rules work out once per batch rather than once per unit and criterion: kept
// per object the batch hands every rule (its evidence lists), per framework (which says which
// criteria ask for what and which readings are trusted) and per key; weakly, so a batch's values go
// with it.
import type { Framework } from '../model.js';

export class FrameworkMemo<O extends object, K, V> {
  readonly #cache = new WeakMap<O, WeakMap<Framework, Map<K, V>>>();

  /** The value for (`owner`, `framework`, `key`), made by `make` the first time. */
  get(owner: O, framework: Framework, key: K, make: () => V): V {
    let byFramework = this.#cache.get(owner);
    if (!byFramework) this.#cache.set(owner, (byFramework = new WeakMap()));
    let byKey = byFramework.get(framework);
    if (!byKey) byFramework.set(framework, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key) as V;
    const value = make();
    byKey.set(key, value);
    return value;
  }
}
