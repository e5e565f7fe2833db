import { readdirSync, readFileSync } from 'node:fs';
import { readBoundaryFile } from '../../../src/sources/boundaries';
import { containsPoint } from '../../../src/sources/geo';
import { assignToWards, crimeKey, WardAnswer } from '../../../src/sources/policeUk/assign';
import type { PoliceCrime } from '../../../src/sources/policeUk/client';
import { describeWithSharedData, readSimpleCsv, sharedPath } from '../../support/sharedData';

function crime(id: number, lng: number, lat: number, extra: Partial<PoliceCrime> = {}): PoliceCrime {
  return {
    category: 'burglary',
    location: { latitude: String(lat), longitude: String(lng) },
    persistent_id: `p${id}`,
    id,
    month: '2020-01',
    ...extra,
  };
}

const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]] as [number, number][]],
});

describe('assigning police.uk crimes to wards', () => {
  const wards = [
    { code: 'W1', geometry: square(0, 0, 1, 1) },
    { code: 'W2', geometry: square(1, 0, 2, 1) },
  ];

  it('counts a crime returned by two wards once, in the ward that contains its point', () => {
    const c = crime(1, 1.4, 0.5);
    const result = assignToWards([{ ward: 'W1', crimes: [c] }, { ward: 'W2', crimes: [c] }], wards);
    expect(result.rows).toEqual([{ areaType: 'ward', areaCode: 'W2', category: 'burglary', count: 1 }]);
    expect(result.duplicatesDropped).toBe(1);
  });

  it('matches ASB records, which have no persistent id, on their API id', () => {
    const asb = crime(7, 0.5, 0.5, { persistent_id: '', category: 'anti-social-behaviour' });
    const other = crime(8, 0.6, 0.5, { persistent_id: '', category: 'anti-social-behaviour' });
    const result = assignToWards([{ ward: 'W1', crimes: [asb, other] }, { ward: 'W2', crimes: [asb] }], wards);
    expect(result.records).toBe(2);
    expect(result.duplicatesDropped).toBe(1);
    expect(result.rows).toEqual([{ areaType: 'ward', areaCode: 'W1', category: 'anti-social-behaviour', count: 2 }]);
  });

  it('drops a crime lying outside every ward of the district', () => {
    const result = assignToWards([{ ward: 'W1', crimes: [crime(1, 0.5, 0.5), crime(2, 5, 5)] }], wards);
    expect(result.records).toBe(1);
    expect(result.outsideDropped).toBe(1);
  });

  it('leaves a crime returned by one ward in that ward even when a neighbouring boundary holds its point', () => {
    // The API's polygon and the stored boundary can differ by a few metres; only duplicates are moved.
    const result = assignToWards([{ ward: 'W1', crimes: [crime(1, 1.5, 0.5)] }], wards);
    expect(result.rows).toEqual([{ areaType: 'ward', areaCode: 'W1', category: 'burglary', count: 1 }]);
  });
});

describeWithSharedData('the real June 2018 responses for Chesterfield', () => {
  const dir = sharedPath('police-uk-2018-06');

  /**
   * Where each crime belongs: the ward whose boundary holds its point. (Two crimes at one point
   * 0.9 m from the Brimington North/South boundary show why it must be the ward boundary: the
   * LSOA route would put them in Brimington South, since their LSOA lies 99.8 % in it.)
   */
  async function expectedCounts(answers: WardAnswer[]): Promise<Map<string, number>> {
    const wards = await readBoundaryFile(sharedPath('boundaries/chesterfield-wards-2015-2023.geojson'), 'ward');
    const wardOfPoint = (c: PoliceCrime) =>
      wards.find((w) => containsPoint(w.geometry, Number(c.location!.longitude), Number(c.location!.latitude)))?.code;
    // Start from the published per-ward counts, which count every record each ward's query returned.
    const counts = new Map<string, number>();
    for (const row of readSimpleCsv(sharedPath('ward-category-counts-2018-06.csv'))) {
      for (const [k, v] of Object.entries(row)) {
        if (!['ward_code', 'ward_name', 'month', 'total'].includes(k)) counts.set(`${row.ward_code}|${k}`, Number(v));
      }
    }
    const take = (ward: string, category: string) => counts.set(`${ward}|${category}`, counts.get(`${ward}|${category}`)! - 1);
    const groups = new Map<string, { ward: string; crime: PoliceCrime }[]>();
    for (const a of answers) for (const c of a.crimes) groups.set(crimeKey(c), [...(groups.get(crimeKey(c)) ?? []), { ward: a.ward, crime: c }]);
    for (const copies of groups.values()) {
      const keep = [...copies].sort((x, y) => x.crime.id - y.crime.id)[0];
      const home = wardOfPoint(keep.crime);
      if (home === undefined) {
        // Outside the borough: no ward keeps it.
        for (const c of copies) take(c.ward, c.crime.category);
      } else if (copies.length > 1) {
        // A boundary duplicate stays only in the ward its point lies in.
        let kept = false;
        for (const c of copies) {
          if (!kept && c.ward === home) kept = true;
          else take(c.ward, c.crime.category);
        }
        expect(kept).toBe(true);
      }
    }
    return counts;
  }

  it('puts each crime in the right ward, once, and drops the one outside the borough', async () => {
    const answers: WardAnswer[] = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ ward: f.replace('.json', ''), crimes: JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as PoliceCrime[] }));
    const wards = (await readBoundaryFile(sharedPath('boundaries/chesterfield-wards-2015-2023.geojson'), 'ward')).map((w) => ({ code: w.code, geometry: w.geometry }));
    const result = assignToWards(answers, wards);

    // The data's README: 935 records, 18 crimes returned by two wards, 1 outside the borough.
    expect(answers.reduce((n, a) => n + a.crimes.length, 0)).toBe(935);
    expect(result.duplicatesDropped).toBe(18);
    expect(result.outsideDropped).toBe(1);
    expect(result.records).toBe(935 - 18 - 1);

    const expected = await expectedCounts(answers);
    const actual = new Map(result.rows.map((r) => [`${r.areaCode}|${r.category}`, r.count]));
    for (const [key, n] of expected) expect([key, actual.get(key) ?? 0]).toEqual([key, n]);
    expect([...actual.keys()].filter((k) => !expected.has(k))).toEqual([]);
  });
});
