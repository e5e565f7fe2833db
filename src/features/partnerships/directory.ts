import type { AreaPack } from '../../domain/areas/pack';
import { normaliseAreaName } from '../../domain/areas/resolve';
import { knownPacks } from '../../store/areaRegistry';
import type { Store } from '../../store/db';
import type { ComparisonVocabulary } from '../../ask/districtComparison';
import { DataSnapshots } from '../../store/snapshot';
import type { AppDeps } from '../deps';

/** How people say a police.uk force id: "devon-and-cornwall" → "Devon and Cornwall". */
export function forceName(id: string): string {
  return id
    .split('-')
    .map((w) => (w === 'and' || w === 'of' ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** The partnerships (districts) a deployment can serve: every area pack the store knows. */
export class PartnershipDirectory {
  private packs?: Promise<AreaPack[]>;

  constructor(
    private readonly store: Store,
    private readonly served: AreaPack,
  ) {}

  /** Re-reads the packs on next use (after `csp areas import-lookup`). */
  refresh(): void {
    this.packs = undefined;
  }

  private seenVersion?: string;

  /** Re-reads the packs when the crime data has changed since last read (districts are loaded before their figures). */
  atVersion(token: string): this {
    if (this.seenVersion !== token) {
      this.seenVersion = token;
      this.refresh();
    }
    return this;
  }

  all(): Promise<AreaPack[]> {
    this.packs ??= knownPacks(this.store, this.served);
    this.packs.catch(() => (this.packs = undefined));
    return this.packs;
  }

  /** The names a comparison between districts may use (districts and police forces held). */
  async comparisonVocabulary(): Promise<ComparisonVocabulary> {
    const packs = await this.all();
    if (this.vocab?.packs !== packs) {
      const forces = [...new Set(packs.map((p) => p.policeForce.toLowerCase()).filter((f) => f !== 'unknown'))];
      this.vocab = {
        packs,
        vocab: {
          own: { code: this.served.district.code, name: this.served.district.name },
          districts: packs.map((p) => ({ code: p.district.code, name: p.district.name, aliases: p.district.aliases })),
          forces: forces.map((id) => ({ id, name: forceName(id) })),
        },
      };
    }
    return this.vocab.vocab;
  }

  private vocab?: { packs: AreaPack[]; vocab: ComparisonVocabulary };

  async byCode(code: string): Promise<AreaPack | undefined> {
    return (await this.all()).find((p) => p.district.code === code);
  }

  /** Packs a name or code may mean: by code, then by name or alias (several when ambiguous). */
  async find(nameOrCode: string): Promise<AreaPack[]> {
    const packs = await this.all();
    const code = nameOrCode.trim().toUpperCase();
    const exact = packs.filter((p) => p.district.code === code);
    if (exact.length > 0) return exact;
    const wanted = normaliseAreaName(nameOrCode.replace(/\b(borough|district|council|city)\b/gi, ' '));
    const names = (p: AreaPack) => [p.district.name, ...p.district.aliases].map((n) => normaliseAreaName(n.replace(/\b(borough|district|council|city)\b/gi, ' ')));
    return packs.filter((p) => names(p).includes(wanted));
  }
}

/** The dependencies of a partnership served beside the default one: its area pack, and its own cache of answers. */
export function partnershipDeps(deps: AppDeps, pack: AreaPack): AppDeps {
  return pack.district.code === deps.pack.district.code ? deps : { ...deps, pack, snapshots: new DataSnapshots(deps.store) };
}

/**
 * The dependencies of the partnership a name or code means (`--partnership Bolsover`), the
 * default one's when none is given; what is wrong when it means none or several.
 */
export async function depsOfPartnership(deps: AppDeps, nameOrCode: string | undefined): Promise<AppDeps | { problem: string }> {
  if (nameOrCode === undefined || nameOrCode.trim() === '') return deps;
  const found = await new PartnershipDirectory(deps.store, deps.pack).find(nameOrCode);
  if (found.length === 0) return { problem: `No partnership "${nameOrCode}" in this store (load its areas with \`csp areas import-lookup\`).` };
  if (found.length > 1) return { problem: `"${nameOrCode}" could be ${found.map((f) => `${f.district.name} (${f.district.code})`).join(' or ')}: give the district code.` };
  return partnershipDeps(deps, found[0]);
}
