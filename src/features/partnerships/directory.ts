import type { AreaPack } from '../../domain/areas/pack';
import { normaliseAreaName } from '../../domain/areas/resolve';
import { knownPacks } from '../../store/areaRegistry';
import type { Store } from '../../store/db';

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

  all(): Promise<AreaPack[]> {
    this.packs ??= knownPacks(this.store, this.served);
    this.packs.catch(() => (this.packs = undefined));
    return this.packs;
  }

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
