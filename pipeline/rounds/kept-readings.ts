// Readings of contents a round's snapshot lists that are no longer in the folder (a file deleted,
// replaced or moved after the deadline) and that the snapshot does not carry itself (a carried
// snapshot may leave readings out). The round is appraised on the content at its deadline, so its
// reading is looked up by SHA-256: first in the first-seen history (each sighting keeps what was
// read), then in the evidence cache (SHA-256 + reader version). See round-plan.ts recordOf.
import type { Extraction } from '../model.js';
import type { FirstSeenIndex } from './first-seen.js';
import type { CurrentUnit, KeptReadings } from './round-plan.js';
import type { StoredSnapshot } from './snapshot.js';

/** A snapshot content that needs a kept reading: its SHA-256, path, and unit. */
export interface WantedReading {
  sha256: string;
  path: string;
  unit: string;
}

/**
 * The snapshot contents (every closed round's) without a reading of their own and not in the unit's
 * folder now (pure). Each SHA-256 once per unit.
 */
export function wantedReadings(snapshots: Iterable<StoredSnapshot>, current: ReadonlyMap<string, CurrentUnit>): WantedReading[] {
  const out: WantedReading[] = [];
  const seen = new Set<string>();
  for (const stored of snapshots) {
    for (const unit of stored.snapshot.units) {
      const now = current.get(unit.code);
      for (const f of unit.files) {
        if (f.reading || now?.evidence.some((e) => e.sha256 === f.sha256)) continue;
        const key = `${unit.code}\n${f.sha256}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ sha256: f.sha256, path: f.path, unit: unit.code });
      }
    }
  }
  return out;
}

/**
 * What the first-seen history kept for a content (pure): the reading of the latest sighting of that
 * SHA-256 at any path (a sighting seen again is refreshed by the newer reader), or null.
 */
export function historyReading(index: FirstSeenIndex, sha256: string): Omit<Extraction, 'file'> | null {
  let found: Omit<Extraction, 'file'> | null = null;
  let at = '';
  for (const history of Object.values(index.paths)) {
    for (const s of history.sightings) {
      if (s.sha256 === sha256 && s.content?.kind === 'evidence' && s.firstSeen >= at) {
        found = s.content.reading;
        at = s.firstSeen;
      }
    }
  }
  return found;
}

/**
 * The kept readings for `wanted`: the history's, else `fromCache` (the evidence cache by SHA-256 and
 * the current reader version, already settled for the unit; null when not there). A content found
 * in neither is left out: the round sends it to the council as unreadable, saying why.
 */
export async function keptReadings(
  wanted: readonly WantedReading[], index: FirstSeenIndex,
  fromCache: (w: WantedReading) => Promise<Omit<Extraction, 'file'> | null>,
): Promise<KeptReadings> {
  const kept = new Map<string, Omit<Extraction, 'file'>>();
  for (const w of wanted) {
    if (kept.has(w.sha256)) continue;
    const reading = historyReading(index, w.sha256) ?? (await fromCache(w));
    if (reading) kept.set(w.sha256, reading);
  }
  return kept;
}
