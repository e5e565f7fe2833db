import type { CrimeCountRow } from '../../store/crimeRepo';
import { AreaGeometry, bboxOf, BBox, containsPoint, outerRings } from '../geo';
import type { PoliceCrime } from './client';

/** A ward's polygon, used both to query police.uk and to settle which ward a crime is in. */
export interface WardBoundary {
  code: string;
  geometry: AreaGeometry;
}

/** What one ward's polygon query returned. */
export interface WardAnswer {
  ward: string;
  crimes: PoliceCrime[];
}

export interface WardAssignment {
  rows: CrimeCountRow[];
  /** Crimes kept, each in exactly one ward. */
  records: number;
  /** Extra copies of a crime returned by more than one ward (same persistent_id, else same id). */
  duplicatesDropped: number;
  /** Crimes whose point lies outside every ward of the district. */
  outsideDropped: number;
}

/** A crime's identity: police.uk's persistent_id, or the API id when that is empty (ASB). */
export function crimeKey(c: PoliceCrime): string {
  return c.persistent_id ? `p:${c.persistent_id}` : `i:${c.id}`;
}

interface Indexed {
  code: string;
  geometry: AreaGeometry;
  box: BBox;
}

function pointOf(c: PoliceCrime): [number, number] | null {
  if (!c.location) return null;
  const lng = Number(c.location.longitude);
  const lat = Number(c.location.latitude);
  return Number.isFinite(lng) && Number.isFinite(lat) ? [lng, lat] : null;
}

function inside(w: Indexed, [lng, lat]: [number, number]): boolean {
  return lng >= w.box.minLng && lng <= w.box.maxLng && lat >= w.box.minLat && lat <= w.box.maxLat && containsPoint(w.geometry, lng, lat);
}

/**
 * Turns every ward's answer for one month into counts per ward and category.
 *
 * A crime keeps the ward whose polygon returned it. police.uk snaps crimes to map points, some
 * on ward boundaries, so the same crime can come back from two wards: it is counted once, in the
 * ward whose boundary actually contains its point (ties go to the record with the lowest API id,
 * so the answer never depends on request order). A crime whose point lies outside every ward of
 * the district is dropped: the polygon query returned it from just over the border.
 */
export function assignToWards(answers: WardAnswer[], boundaries: WardBoundary[]): WardAssignment {
  const wards: Indexed[] = boundaries.map((b) => ({ code: b.code, geometry: b.geometry, box: bboxOf(outerRings(b.geometry).flat()) }));
  const byCode = new Map(wards.map((w) => [w.code, w]));
  const groups = new Map<string, Array<{ ward: string; crime: PoliceCrime }>>();
  for (const a of answers) {
    for (const crime of a.crimes) {
      const key = crimeKey(crime);
      const list = groups.get(key);
      if (list) list.push({ ward: a.ward, crime });
      else groups.set(key, [{ ward: a.ward, crime }]);
    }
  }

  const counts = new Map<string, number>();
  let records = 0;
  let duplicatesDropped = 0;
  let outsideDropped = 0;
  const anyWardContaining = (p: [number, number], first?: string): string | undefined => {
    const preferred = first ? byCode.get(first) : undefined;
    if (preferred && inside(preferred, p)) return preferred.code;
    return wards.find((w) => inside(w, p))?.code;
  };

  for (const copies of groups.values()) {
    duplicatesDropped += copies.length - 1;
    let chosen: { ward: string; crime: PoliceCrime } | undefined;
    if (copies.length === 1) {
      const only = copies[0];
      const p = pointOf(only.crime);
      if (p === null || anyWardContaining(p, only.ward) !== undefined) chosen = only;
    } else {
      const ordered = [...copies].sort((a, b) => a.crime.id - b.crime.id || a.ward.localeCompare(b.ward));
      chosen = ordered.find((c) => {
        const p = pointOf(c.crime);
        const w = byCode.get(c.ward);
        return p !== null && w !== undefined && inside(w, p);
      });
      if (!chosen) {
        // No returning ward holds the point: use whichever ward of the district does, if any.
        const first = ordered[0];
        const p = pointOf(first.crime);
        const ward = p === null ? first.ward : anyWardContaining(p);
        if (ward !== undefined) chosen = { ward, crime: first.crime };
      }
    }
    if (!chosen) {
      outsideDropped += 1;
      continue;
    }
    records += 1;
    const key = `${chosen.ward}|${chosen.crime.category}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  const rows: CrimeCountRow[] = [...counts].map(([key, count]) => {
    const [areaCode, category] = key.split('|');
    return { areaType: 'ward', areaCode, category, count };
  });
  return { rows, records, duplicatesDropped, outsideDropped };
}
