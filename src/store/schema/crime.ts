/**
 * Tables of the crime aggregate. Counts are stored per month, area (an LSOA, or a ward when a
 * source gives wards) and category; wards are rolled up from LSOAs by the domain through the ward
 * set in force each month. Months are YYYY-MM text, timestamps ISO-8601 UTC text.
 */
export interface CrimeTables {
  crime_count: {
    /** 'police.uk' | 'demo' | 'local' */
    source: string;
    month: string;
    /** Local authority district code the area belongs to ('' only before a legacy store is adopted). */
    district: string;
    area_type: 'lsoa' | 'ward';
    area_code: string;
    /** police.uk slug, a local measure's slug, or ALL_CRIME_KEY (see crimeRepo.ts). */
    category: string;
    count: number;
  };
  /** One row per imported month (and, for local extracts, per measure): the month is complete. */
  crime_import: {
    source: string;
    month: string;
    /** The district whose month this import replaced. */
    district: string;
    /** '*' when the whole month was replaced, else the one category it covers. */
    scope: string;
    origin: string;
    imported_at: string;
    records: number;
    /** The data's own as-of date (police.uk last update, an extract's extracted_on), YYYY-MM-DD. */
    as_of: string | null;
    /** Who supplied a local extract, e.g. "Derbyshire Constabulary". */
    source_name: string | null;
  };
  /** Month totals per district and category (every stored row of the district summed), written at import. */
  crime_total: {
    district: string;
    category: string;
    month: string;
    source: string;
    count: number;
  };
  /**
   * Month totals per district, ward and category of the LSOA counts, rolled up at import through
   * the district's lookup in ward_lookup (counts stored by ward are not in them).
   */
  crime_ward_total: {
    district: string;
    category: string;
    month: string;
    ward: string;
    source: string;
    count: number;
  };
  /** Each LSOA's best-fit ward over a stretch of months (the ward set in force), per district. */
  ward_lookup: {
    district: string;
    lsoa: string;
    first_month: string;
    last_month: string;
    ward: string;
  };
  /** The fingerprint of each district's ward_lookup (wardLookupFingerprint of its area pack). */
  ward_lookup_fingerprint: {
    district: string;
    fingerprint: string;
  };
  /** The partnership (district code) a team or chat is bound to by a coordinator. */
  conversation_partnership: {
    /** The conversation's Teams id. */
    conversation_id: string;
    district: string;
    bound_by: string;
    bound_at: string;
  };
  /** A partnership's own most-similar group: member district codes as a JSON array, and how it was chosen. */
  similar_group: {
    district: string;
    members: string;
    how: string;
    updated_at: string;
  };
  /** Area packs of districts other than the built-in ones, imported by `csp areas import`. */
  area_pack: {
    code: string;
    name: string;
    pack_json: string;
    origin: string;
    imported_at: string;
  };
}
