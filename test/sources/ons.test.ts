import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchWardBoundaries, OnsApiError, serviceYear } from '../../src/sources/ons';
import { gridWards } from '../support/fakePoliceUk';

/** A stand-in for the ONS ArcGIS FeatureServer: answers ward queries for one district, two wards a page. */
async function fakeOns(): Promise<{ url: string; queries: URLSearchParams[]; close: () => Promise<void> }> {
  const wards = gridWards(['E05009001', 'E05009002', 'E05009003']);
  const queries: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    queries.push(url.searchParams);
    res.setHeader('Content-Type', 'application/json');
    if (!url.pathname.endsWith('/Wards_December_2024_Boundaries_UK_BGC/FeatureServer/0/query')) {
      res.end(JSON.stringify({ error: { code: 400, message: 'Invalid URL', details: [] } }));
      return;
    }
    if (url.searchParams.get('where') !== "LAD24CD='E07000099'") {
      res.end(JSON.stringify({ type: 'FeatureCollection', features: [] }));
      return;
    }
    const offset = Number(url.searchParams.get('resultOffset'));
    const count = Math.min(2, Number(url.searchParams.get('resultRecordCount')));
    const page = wards.slice(offset, offset + count).map((w, i) => ({
      type: 'Feature',
      properties: { WD24CD: w.code, WD24NM: `Ward ${offset + i + 1}`, LAD24CD: 'E07000099' },
      geometry: w.geometry,
    }));
    res.end(JSON.stringify({ type: 'FeatureCollection', features: page, ...(offset + count < wards.length ? { exceededTransferLimit: true } : {}) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/arcgis/rest/services/`, queries, close: () => new Promise((r) => server.close(() => r())) };
}

describe('ward boundaries from the ONS Open Geography API', () => {
  it('reads the year of the field names from the service name', () => {
    expect(serviceYear('Wards_December_2024_Boundaries_UK_BGC')).toBe('24');
    expect(serviceYear('Wards_May_2023_Boundaries_UK_BGC')).toBe('23');
  });

  it('fetches every ward of the district, page by page, as WGS84 GeoJSON', async () => {
    const ons = await fakeOns();
    try {
      const wards = await fetchWardBoundaries({ baseUrl: ons.url, districtCode: 'E07000099', pageSize: 2 });
      expect(wards.map((w) => [w.code, w.name, w.districtCode])).toEqual([
        ['E05009001', 'Ward 1', 'E07000099'],
        ['E05009002', 'Ward 2', 'E07000099'],
        ['E05009003', 'Ward 3', 'E07000099'],
      ]);
      expect(ons.queries.map((q) => q.get('resultOffset'))).toEqual(['0', '2']);
      expect([ons.queries[0].get('f'), ons.queries[0].get('outSR'), ons.queries[0].get('outFields')]).toEqual(['geojson', '4326', 'WD24CD,WD24NM,LAD24CD']);
    } finally {
      await ons.close();
    }
  });

  it('says so when the district has no wards in the service', async () => {
    const ons = await fakeOns();
    try {
      await expect(fetchWardBoundaries({ baseUrl: ons.url, districtCode: 'E07000034' })).rejects.toThrow(/has no wards for district E07000034/);
    } finally {
      await ons.close();
    }
  });

  it('passes on the API\'s own refusal', async () => {
    const ons = await fakeOns();
    try {
      await expect(fetchWardBoundaries({ baseUrl: ons.url, districtCode: 'E07000099', service: 'No_Such_2024_Service' })).rejects.toThrow(OnsApiError);
      await expect(fetchWardBoundaries({ baseUrl: ons.url, districtCode: 'E07000099', service: 'No_Such_2024_Service' })).rejects.toThrow(/Invalid URL/);
    } finally {
      await ons.close();
    }
  });
});
