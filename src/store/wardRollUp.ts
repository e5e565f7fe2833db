import type { WardLookupRow } from '../domain/areas/wardLookup';
import { byKeyOrder } from '../domain/keyOrder';

/**
 * Ward month totals rolled up in memory from a district's month grids, through the LSOA→ward
 * lookup the store holds for the district: the same sums the SQL roll-up (wardTotals.ts) makes
 * from the written counts, without reading back what was just written (at import that re-read
 * cost a third as much as writing the counts).
 */

export class WardRollUp {
  /** The wards any area falls in, by code: a ward's index is its place in key order. */
  readonly wards: string[];
  private readonly spans: { area: number; ward: number; first: string; last: string }[];
  private readonly pairsByMonth = new Map<string, Int32Array>();

  /** `areas`: the grid's areas, each at its row; LSOAs of the lookup not among them add nothing. */
  constructor(lookup: readonly WardLookupRow[], areas: readonly string[]) {
    const row = new Map(areas.map((a, i) => [a, i]));
    const inGrid = lookup.filter((s) => row.has(s.lsoa));
    this.wards = [...new Set(inGrid.map((s) => s.ward))].sort(byKeyOrder);
    const ward = new Map(this.wards.map((w, i) => [w, i]));
    this.spans = inGrid.map((s) => ({ area: row.get(s.lsoa)!, ward: ward.get(s.ward)!, first: s.from, last: s.to }));
  }

  /** Area and ward of every span in force in `month`, flattened ([area, ward, area, ward, …]). */
  private pairs(month: string): Int32Array {
    let pairs = this.pairsByMonth.get(month);
    if (!pairs) {
      const live = this.spans.filter((s) => s.first <= month && month <= s.last);
      pairs = new Int32Array(live.length * 2);
      live.forEach((s, i) => {
        pairs![2 * i] = s.area;
        pairs![2 * i + 1] = s.ward;
      });
      this.pairsByMonth.set(month, pairs);
    }
    return pairs;
  }

  /**
   * Sums one column of a month's grid per ward into `into` (one slot per ward, zeroed first): an
   * area's value is values[area × stride + offset]. An LSOA in two wards that month counts in both,
   * as in the SQL join.
   */
  sum(month: string, values: ArrayLike<number>, stride: number, offset: number, into: Float64Array): void {
    into.fill(0);
    const pairs = this.pairs(month);
    for (let i = 0; i < pairs.length; i += 2) into[pairs[i + 1]] += values[pairs[i] * stride + offset];
  }
}
