import axios from 'axios';
import { AreaBoundary, boundariesFromJson } from './boundaries';
import { GeoFeature } from './geo';

/** The ONS Open Geography ward boundaries (generalised, clipped to the coastline) used by default. */
export const DEFAULT_WARD_SERVICE = 'Wards_December_2024_Boundaries_UK_BGC';

export interface OnsWardQuery {
  /** ArcGIS REST services root (config CSP_ONS_API_URL). */
  baseUrl: string;
  /** Local authority district code, e.g. E07000034. */
  districtCode: string;
  /** FeatureServer service name; its year sets the field names (WD24CD, LAD24CD…). */
  service?: string;
  /** Two-digit year of the field names when the service name does not carry one. */
  year?: string;
  timeoutMs?: number;
  /** Features per page (ArcGIS caps a page; the rest come with resultOffset). */
  pageSize?: number;
}

/** The ONS API refused or failed; the message says what was asked. */
export class OnsApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnsApiError';
  }
}

/** The two-digit year in a service name such as Wards_December_2024_Boundaries_UK_BGC. */
export function serviceYear(service: string): string | undefined {
  return /_(?:19|20)(\d{2})_/.exec(service)?.[1];
}

/**
 * Fetches a district's ward boundaries from the ONS Open Geography API (an ArcGIS FeatureServer
 * query filtered on the district code, as GeoJSON in WGS84), page by page.
 */
export async function fetchWardBoundaries(query: OnsWardQuery): Promise<AreaBoundary[]> {
  const service = query.service ?? DEFAULT_WARD_SERVICE;
  const yy = query.year ?? serviceYear(service);
  if (!yy) throw new OnsApiError(`cannot tell the boundary year from the service name "${service}": give the year`);
  if (!/^[EW]0[6-9]\d{6}$/.test(query.districtCode)) throw new OnsApiError(`"${query.districtCode}" is not a local authority district code`);
  const baseURL = query.baseUrl.endsWith('/') ? query.baseUrl : `${query.baseUrl}/`;
  const url = `${service}/FeatureServer/0/query`;
  const pageSize = query.pageSize ?? 1000;
  const features: GeoFeature[] = [];
  for (let offset = 0; ; offset += pageSize) {
    let body: Record<string, unknown>;
    try {
      const response = await axios.get(url, {
        baseURL,
        timeout: query.timeoutMs ?? 60_000,
        params: {
          where: `LAD${yy}CD='${query.districtCode}'`,
          outFields: `WD${yy}CD,WD${yy}NM,LAD${yy}CD`,
          outSR: 4326,
          f: 'geojson',
          resultOffset: offset,
          resultRecordCount: pageSize,
        },
      });
      body = response.data as Record<string, unknown>;
    } catch (e) {
      const status = axios.isAxiosError(e) && e.response ? ` (HTTP ${e.response.status})` : '';
      throw new OnsApiError(`ONS Open Geography API ${service} could not be reached${status}: ${(e as Error).message}`);
    }
    if (body && typeof body === 'object' && 'error' in body) {
      const err = body.error as { message?: string; details?: string[] };
      throw new OnsApiError(`ONS Open Geography API ${service} refused the query: ${err.message ?? 'error'} ${(err.details ?? []).join(' ')}`.trim());
    }
    const page = Array.isArray(body?.features) ? (body.features as GeoFeature[]) : [];
    features.push(...page);
    const more = body?.exceededTransferLimit === true || (body?.properties as { exceededTransferLimit?: boolean } | undefined)?.exceededTransferLimit === true;
    if (!more || page.length === 0) break;
  }
  if (features.length === 0) throw new OnsApiError(`ONS Open Geography API ${service} has no wards for district ${query.districtCode}`);
  return boundariesFromJson({ type: 'FeatureCollection', features }, 'ward', `ONS ${service}`);
}
