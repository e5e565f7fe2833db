/**
 * A default most-similar group: the districts nearest to one district in population density
 * (residents per hectare; population when land areas are unknown) and in the mix of crime types.
 * Pure: the figures come in, the group and a sentence saying how it was made come out.
 */
export interface DistrictProfile {
  code: string;
  name: string;
  population: number;
  /** Land area, hectares; undefined when not loaded. */
  hectares?: number;
  /** Counts per police.uk category over the same months for every district. */
  mix: Map<string, number>;
}

export interface SimilarGroup {
  members: string[];
  how: string;
}

export const DEFAULT_GROUP_SIZE = 7;

function shares(mix: Map<string, number>): Map<string, number> {
  const total = [...mix.values()].reduce((a, b) => a + b, 0);
  return new Map([...mix].map(([k, v]) => [k, total > 0 ? v / total : 0]));
}

/** Half the sum of absolute differences of two mixes' shares: 0 the same mix, 1 nothing in common. */
export function mixDistance(a: Map<string, number>, b: Map<string, number>): number {
  const sa = shares(a);
  const sb = shares(b);
  let d = 0;
  for (const k of new Set([...sa.keys(), ...sb.keys()])) d += Math.abs((sa.get(k) ?? 0) - (sb.get(k) ?? 0));
  return d / 2;
}

/**
 * The `size` districts closest to `subject`: distance = the difference in log density (in
 * standard deviations across the candidates) plus twice the mix distance (so a wholly different
 * mix weighs about as much as two standard deviations of density).
 */
export function similarDistricts(subject: DistrictProfile, candidates: DistrictProfile[], months: string, size = DEFAULT_GROUP_SIZE): SimilarGroup {
  const all = [subject, ...candidates.filter((c) => c.code !== subject.code)].filter((p) => p.population > 0);
  const useDensity = all.every((p) => p.hectares !== undefined && p.hectares > 0);
  const measure = (p: DistrictProfile) => Math.log(useDensity ? p.population / p.hectares! : p.population);
  const values = all.map(measure);
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, values.length)) || 1;
  const own = measure(subject);
  const ranked = all
    .filter((p) => p.code !== subject.code)
    .map((p) => ({ p, d: Math.abs(measure(p) - own) / sd + 2 * mixDistance(subject.mix, p.mix) }))
    .sort((a, b) => a.d - b.d || a.p.name.localeCompare(b.p.name))
    .slice(0, size);
  const basis = useDensity ? 'population density (residents per hectare)' : 'population (land areas are not loaded, so not density)';
  return {
    members: ranked.map((r) => r.p.code),
    how:
      `worked out from the ${all.length} districts this store holds with figures for every month of ${months}: the ${ranked.length} closest to ${subject.name} in ${basis} ` +
      `and in the mix of crime types over ${months}. A partnership can set its own group with \`csp partnerships similar\`.`,
  };
}
