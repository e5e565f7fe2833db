import type { AreaPack, WardSet } from './pack';

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A district's pack with a new ward set added in force from its start date: a set of the same id
 * is replaced, a set that began earlier now ends the day before, one that began later is kept
 * after it. LSOAs are the union (an LSOA keeps its population unless the new pack gives one).
 */
export function withWardSet(existing: AreaPack | undefined, next: AreaPack): AreaPack {
  if (!existing) return next;
  const incoming = next.wardSets[0];
  const others = existing.wardSets.filter((s) => s.id !== incoming.id);
  const sets: WardSet[] = [...others, { ...incoming }].sort((a, b) => a.from.localeCompare(b.from));
  for (let i = 0; i < sets.length - 1; i++) {
    const cur = sets[i];
    const following = sets[i + 1];
    if (cur.to === null || cur.to >= following.from) sets[i] = { ...cur, to: dayBefore(following.from) };
  }
  const lsoas = new Map(existing.lsoas.map((l) => [l.code, l]));
  for (const l of next.lsoas) {
    const old = lsoas.get(l.code);
    lsoas.set(l.code, old && l.population === 0 ? { ...l, population: old.population, hectares: l.hectares ?? old.hectares } : l);
  }
  // Every set must place every LSOA: an LSOA only one set knows is left out of the district.
  const placed = (code: string) => sets.every((s) => s.lookup.some((r) => r.lsoa === code));
  return {
    ...existing,
    policeForce: next.policeForce !== 'unknown' ? next.policeForce : existing.policeForce,
    wardSets: sets,
    lsoas: [...lsoas.values()].filter((l) => placed(l.code)).sort((a, b) => a.code.localeCompare(b.code)),
  };
}
