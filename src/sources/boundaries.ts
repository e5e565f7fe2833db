import { basename } from 'node:path';
import type { Clock } from '../core/clock';
import { BoundaryAreaType, BoundaryRepo } from '../store/boundaryRepo';
import type { Store } from '../store/db';
import { AreaGeometry, asFeatureCollection, GeoFeatureCollection, GeoJsonError, readFeatureCollection } from './geo';
import type { WardBoundary } from './policeUk/assign';

/** An area read from a boundary file: its ONS code and name, district if given, and its shape. */
export interface AreaBoundary {
  code: string;
  name: string;
  districtCode: string | null;
  geometry: AreaGeometry;
}

// ONS names its properties after the year of the boundaries: WD22CD, WD25NM, LSOA21CD, LAD23CD…
const CODE_PROPERTY: Record<BoundaryAreaType, RegExp> = { ward: /^WD\d{2}CD$/i, lsoa: /^LSOA\d{2}CD$/i };
const NAME_PROPERTY: Record<BoundaryAreaType, RegExp> = { ward: /^WD\d{2}NM$/i, lsoa: /^LSOA\d{2}NM$/i };
const DISTRICT_PROPERTY = /^(LAD\d{2}CD|LADCD_ACTIVE)$/i;
const CODE_SHAPE: Record<BoundaryAreaType, RegExp> = { ward: /^[EW]05\d{6}$/, lsoa: /^[EW]01\d{6}$/ };

function pick(props: Record<string, unknown>, pattern: RegExp): string | null {
  // The newest year wins when a file carries several (e.g. WD22CD and WD23CD).
  const keys = Object.keys(props).filter((k) => pattern.test(k)).sort().reverse();
  for (const k of keys) {
    const v = props[k];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return null;
}

/** Reads ward or LSOA boundaries out of a FeatureCollection with ONS properties. */
export function boundariesFromGeoJson(fc: GeoFeatureCollection, areaType: BoundaryAreaType, what = 'GeoJSON'): AreaBoundary[] {
  const seen = new Set<string>();
  return fc.features.map((f, i) => {
    const props = f.properties ?? {};
    const code = pick(props, CODE_PROPERTY[areaType]);
    const label = areaType === 'ward' ? 'a ward code property such as WD22CD' : 'an LSOA code property such as LSOA21CD';
    if (!code) throw new GeoJsonError(`${what}: feature ${i + 1} has no ${label}`);
    if (!CODE_SHAPE[areaType].test(code)) throw new GeoJsonError(`${what}: feature ${i + 1} has code "${code}", which is not an ONS ${areaType} code`);
    if (seen.has(code)) throw new GeoJsonError(`${what}: ${code} appears twice`);
    seen.add(code);
    return { code, name: pick(props, NAME_PROPERTY[areaType]) ?? code, districtCode: pick(props, DISTRICT_PROPERTY), geometry: f.geometry };
  });
}

export async function readBoundaryFile(path: string, areaType: BoundaryAreaType): Promise<AreaBoundary[]> {
  return boundariesFromGeoJson(await readFeatureCollection(path), areaType, basename(path));
}

/** Same, from JSON already in memory (an API answer). */
export function boundariesFromJson(json: unknown, areaType: BoundaryAreaType, what: string): AreaBoundary[] {
  return boundariesFromGeoJson(asFeatureCollection(json, what), areaType, what);
}

/** Stores boundaries for a district, replacing earlier ones of the same codes. */
export async function saveBoundaries(
  deps: { store: Store; clock: Clock },
  areaType: BoundaryAreaType,
  districtCode: string,
  boundaries: AreaBoundary[],
  origin: string,
): Promise<number> {
  const importedAt = deps.clock.now().toISOString();
  await new BoundaryRepo(deps.store).save(
    boundaries.map((b) => ({ areaType, code: b.code, name: b.name, districtCode, geometry: b.geometry, origin, importedAt })),
  );
  return boundaries.length;
}

/** Ward boundaries stored for these codes; the codes with none are listed in `missing`. */
export async function storedWardBoundaries(store: Store, codes: string[]): Promise<{ boundaries: WardBoundary[]; missing: string[] }> {
  const rows = await new BoundaryRepo(store).list('ward', { codes });
  const found = new Map(rows.map((r) => [r.code, r]));
  const boundaries: WardBoundary[] = [];
  const missing: string[] = [];
  for (const code of codes) {
    const r = found.get(code);
    if (!r) missing.push(code);
    else boundaries.push({ code, geometry: asFeatureCollection({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: r.geometry }] }).features[0].geometry });
  }
  return { boundaries, missing };
}
