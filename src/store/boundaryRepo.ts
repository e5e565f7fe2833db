import type { Store } from './db';

export type BoundaryAreaType = 'ward' | 'lsoa';

/** One area's boundary; `geometry` is a GeoJSON Polygon or MultiPolygon (WGS84). */
export interface StoredBoundary {
  areaType: BoundaryAreaType;
  code: string;
  name: string;
  districtCode: string;
  geometry: unknown;
  origin: string;
  importedAt: string;
}

const CHUNK = 200;

/** Ward and LSOA boundaries, one row per area code. */
export class BoundaryRepo {
  constructor(private readonly store: Store) {}

  /** Saves boundaries in one transaction, replacing any earlier boundary of the same area. */
  async save(boundaries: StoredBoundary[]): Promise<void> {
    if (boundaries.length === 0) return;
    await this.store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < boundaries.length; i += CHUNK) {
        const part = boundaries.slice(i, i + CHUNK);
        for (const type of new Set(part.map((b) => b.areaType))) {
          const codes = part.filter((b) => b.areaType === type).map((b) => b.code);
          await trx.deleteFrom('area_boundary').where('area_type', '=', type).where('code', 'in', codes).execute();
        }
        await trx
          .insertInto('area_boundary')
          .values(
            part.map((b) => ({
              area_type: b.areaType,
              code: b.code,
              name: b.name,
              district_code: b.districtCode,
              geometry_json: JSON.stringify(b.geometry),
              origin: b.origin,
              imported_at: b.importedAt,
            })),
          )
          .execute();
      }
    });
  }

  /** Boundaries of one type, of the given codes (all of the district when `codes` is absent). */
  async list(areaType: BoundaryAreaType, filter: { codes?: string[]; districtCode?: string } = {}): Promise<StoredBoundary[]> {
    if (filter.codes && filter.codes.length === 0) return [];
    let q = this.store.db.selectFrom('area_boundary').selectAll().where('area_type', '=', areaType);
    if (filter.codes) q = q.where('code', 'in', filter.codes);
    if (filter.districtCode) q = q.where('district_code', '=', filter.districtCode);
    const rows = await q.orderBy('code').execute();
    return rows.map((r) => ({
      areaType: r.area_type as BoundaryAreaType,
      code: r.code,
      name: r.name,
      districtCode: r.district_code,
      geometry: JSON.parse(r.geometry_json) as unknown,
      origin: r.origin,
      importedAt: r.imported_at,
    }));
  }

  async count(areaType: BoundaryAreaType, districtCode?: string): Promise<number> {
    let q = this.store.db.selectFrom('area_boundary').select((eb) => eb.fn.countAll<string>().as('n')).where('area_type', '=', areaType);
    if (districtCode) q = q.where('district_code', '=', districtCode);
    const row = await q.executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
