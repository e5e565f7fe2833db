import { areasNamed, compileAreas, nearestAreas, type AreaIndex } from '../../../ask/areas';
import { allowedEdits, editDistance, foldPhrase } from '../../../ask/normalise';
import type { AreaPack, AreaRef, WardSet } from '../../../domain/areas/pack';
import { bestFitWards, findWard } from '../../../domain/areas/resolve';

/**
 * Wards as trackers list them: several in one cell ("Rother; Brockwell", "Rother, Brockwell and
 * Hasland"), short or misspelt forms the area pack knows ("St Leonards", "Brockwel"), places the
 * pack names (Staveley, the town centre: their wards), and "Borough-wide"/"All wards" for the
 * whole district (no wards). A name the pack does not know is reported, never dropped.
 */
export type WardReading = { kind: 'wards'; codes: string[] } | { kind: 'bad'; reason: string };

const WHOLE_AREA = /^(?:(?:the\s+)?(?:whole|entire)\s+(?:borough|district|town|city|county|area)|(?:borough|district|town|city|county|force|partnership)[\s-]*wide|all(?:\s+(?:wards|areas|of\s+the\s+borough|localities))?|n\/?a|none|everywhere|various|multiple wards|cross[\s-]borough)$/i;

export interface WardResolver {
  read(text: string): WardReading;
  /** Ward names for codes, as the export writes them. */
  names(codes: readonly string[]): string[];
}

/** The ward set a plan's names are read in: the one in force in the middle of its year ("2024–25": October 2024). */
export function wardResolverForPlan(pack: AreaPack, plan: string): WardResolver {
  const m = /^(\d{4})/.exec(plan);
  return wardResolver(pack, m ? `${m[1]}-10` : undefined);
}

/**
 * A wards cell the import reads back as the same wards: names, with the ONS code added to any
 * name that would read as another ward in the plan's ward set; "Borough-wide" for none.
 */
export function wardCell(resolver: WardResolver, codes: readonly string[]): string {
  if (codes.length === 0) return 'Borough-wide';
  return codes
    .map((code, i) => {
      const name = resolver.names([code])[0];
      const back = resolver.read(name);
      return back.kind === 'wards' && back.codes.length === 1 && back.codes[0] === code ? name : `${name} (${codes[i]})`;
    })
    .join('; ');
}

export function wardResolver(pack: AreaPack, asOfMonth?: string): WardResolver {
  const index = compileAreas(pack, asOfMonth ? { asOfMonth } : {});
  const sets = [...pack.wardSets].sort((a, b) => a.from.localeCompare(b.from));
  const set = sets[index.preferredSet];
  return {
    read: (text) => readWards(text, index, pack, set),
    names: (codes) => codes.map((c) => findWard(pack, c)?.ward.name ?? c),
  };
}

function readWards(text: string, index: AreaIndex, pack: AreaPack, set: WardSet | undefined): WardReading {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t || WHOLE_AREA.test(t)) return { kind: 'wards', codes: [] };
  const codes: string[] = [];
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  const take = (part: string, allowSplit: boolean): void => {
    // "Rother (E05015178)" or a bare ONS code: the code decides.
    const code = /\b(E05\d{6})\b/i.exec(part)?.[1]?.toUpperCase();
    if (code) {
      if (findWard(pack, code)) {
        if (!codes.includes(code)) codes.push(code);
      } else unknown.push(part);
      return;
    }
    // "Hasland (part)", "Rother [north]": a remark about the ward.
    const plain = part.replace(/\s*(?:\([^()]*\)|\[[^[\]]*\])\s*/g, ' ').trim();
    if (plain && plain !== part) return take(plain, allowSplit);
    const found = lookup(part, index);
    if (found.length === 1) {
      const area = found[0];
      if (area.type === 'district') return;
      for (const c of area.type === 'group' ? groupWards(pack, set, area.code) : [area.code]) if (!codes.includes(c)) codes.push(c);
      return;
    }
    if (found.length > 1) {
      ambiguous.push(`"${part}" (${found.map((a) => a.name).join(' or ')})`);
      return;
    }
    const pieces = part.split(/\s+(?:and|&)\s+/i).filter(Boolean);
    if (allowSplit && pieces.length > 1) pieces.forEach((p) => take(p, false));
    else unknown.push(part);
  };
  for (const part of t.split(/\s*[;,/|\n+]\s*/).filter(Boolean)) {
    if (WHOLE_AREA.test(part)) return { kind: 'wards', codes: [] };
    take(part, true);
  }
  if (unknown.length > 0) {
    const hint = unknown.map((u) => {
      const near = nearestAreas(foldPhrase(u), index, 2).map((a) => a.name);
      return near.length ? `"${u}" (nearest: ${near.join(', ')})` : `"${u}"`;
    });
    return { kind: 'bad', reason: `unknown ward ${hint.join('; ')}` };
  }
  if (ambiguous.length > 0) return { kind: 'bad', reason: `ward name fits more than one area: ${ambiguous.join('; ')}` };
  return { kind: 'wards', codes };
}

/** A name, folded, without a trailing "ward"; exact first, else the single closest misspelling. */
function lookup(part: string, index: AreaIndex): AreaRef[] {
  const phrase = foldPhrase(part).replace(/\s+wards?$/, '').trim();
  if (!phrase) return [];
  const exact = areasNamed(phrase, index);
  if (exact.length > 0) return exact;
  const words = phrase.split(' ').length;
  const max = allowedEdits(phrase.length);
  if (max === 0) return [];
  let best = max + 1;
  let hits: AreaRef[] = [];
  for (const candidate of index.fuzzy.get(words) ?? []) {
    const d = editDistance(phrase, candidate, max);
    if (d > max || d > best) continue;
    const refs = areasNamed(candidate, index);
    if (d < best) {
      best = d;
      hits = [];
    }
    for (const r of refs) if (!hits.some((h) => h.code === r.code)) hits.push(r);
  }
  return hits;
}

/** A named place's wards in the set: those holding the best fit of any of its LSOAs. */
function groupWards(pack: AreaPack, set: WardSet | undefined, code: string): string[] {
  const group = pack.groups.find((g) => g.code === code);
  if (!group || !set) return [];
  const fit = bestFitWards(set);
  const out: string[] = [];
  for (const lsoa of group.lsoas) {
    const w = fit.get(lsoa);
    if (w && !out.includes(w)) out.push(w);
  }
  return out;
}
