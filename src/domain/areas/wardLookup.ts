import { createHash } from 'node:crypto';
import type { AreaPack } from './pack';
import { byKeyOrder } from '../keyOrder';
import { bestFitWards, wardSetSpans } from './resolve';

/** An LSOA's best-fit ward over a stretch of months (inclusive, YYYY-MM): the ward set in force then. */
export interface WardLookupRow {
  lsoa: string;
  ward: string;
  from: string;
  to: string;
}

/**
 * A district's LSOA→ward lookup month by month, exactly as the figures roll LSOA counts up to
 * wards (resolve.ts): each LSOA to its best-fit ward in the ward set used for the month, months
 * before the first set in the first and after the last in the last. Ward month totals written at
 * import are rolled up through it. Null when two sets would claim a month (an invalid pack),
 * which the totals cannot express: such a district's wards are read from its LSOA counts.
 */
export function wardLookupRows(pack: AreaPack): WardLookupRow[] | null {
  const spans = wardSetSpans(pack, '0000-01', '9999-12');
  for (let i = 1; i < spans.length; i++) if (spans[i].from <= spans[i - 1].to) return null;
  const rows: WardLookupRow[] = [];
  for (const span of spans) {
    const fits = [...bestFitWards(span.set)].sort(([a], [b]) => byKeyOrder(a, b));
    for (const [lsoa, ward] of fits) rows.push({ lsoa, ward, from: span.from, to: span.to });
  }
  return rows;
}

const fingerprints = new WeakMap<AreaPack, string | null>();

/**
 * A short name for a pack's month-by-month lookup: ward totals are read only where they were
 * rolled up through the very lookup the reader would use. Null when the pack has none.
 */
export function wardLookupFingerprint(pack: AreaPack): string | null {
  let fingerprint = fingerprints.get(pack);
  if (fingerprint === undefined) {
    const rows = wardLookupRows(pack);
    fingerprint = rows && createHash('sha256').update(JSON.stringify(rows.map((r) => [r.lsoa, r.ward, r.from, r.to]))).digest('hex');
    fingerprints.set(pack, fingerprint);
  }
  return fingerprint;
}
