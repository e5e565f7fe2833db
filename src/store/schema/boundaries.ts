/**
 * Area boundaries (wards and LSOAs) as GeoJSON geometry text, WGS84. Needed only to query
 * police.uk by polygon and to settle which ward a crime's point lies in; loaded from files or the
 * ONS Open Geography API, never shipped.
 */
export interface BoundaryTables {
  area_boundary: {
    /** 'ward' | 'lsoa' */
    area_type: string;
    /** ONS code, e.g. E05003337 or E01019526. */
    code: string;
    name: string;
    /** Local authority district the area belongs to, e.g. E07000034. */
    district_code: string;
    /** GeoJSON Polygon or MultiPolygon, as JSON text. */
    geometry_json: string;
    /** File name or API the boundary came from. */
    origin: string;
    imported_at: string;
  };
}
