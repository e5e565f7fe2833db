import type { Store } from './db';
import { AreaPackRepo } from './areaPackRepo';
import { chesterfieldPack } from '../domain/areas/chesterfield';
import type { AreaPack } from '../domain/areas/pack';
import { parsePack } from '../domain/areas/validate';

const BUILT_IN: Record<string, AreaPack> = {
  [chesterfieldPack.district.code]: chesterfieldPack,
};

/** The pack shipped with the project for this district code, if any. */
export function builtInPack(code: string): AreaPack | undefined {
  return BUILT_IN[code];
}

export function builtInPackCodes(): string[] {
  return Object.keys(BUILT_IN);
}

/** The pack named by CSP_AREA: built in, else imported into the store by `csp areas import`. */
export async function loadPack(store: Store, code: string): Promise<AreaPack> {
  const builtIn = builtInPack(code);
  if (builtIn) return builtIn;
  const stored = await new AreaPackRepo(store).get(code);
  if (stored) return parsePack(stored.packJson);
  throw new Error(
    `CSP_AREA is ${code}, but no area pack for that district is built in (${builtInPackCodes().join(', ')}) ` +
      `or imported into this database. Import one with \`csp areas import\`, or set CSP_AREA to a built-in district.`,
  );
}

/**
 * Every district this store knows: the built-in packs and every pack imported into it (the
 * served one first when given). A force-wide police.uk file fills each of these it covers.
 */
export async function knownPacks(store: Store, served?: AreaPack): Promise<AreaPack[]> {
  const out = new Map<string, AreaPack>();
  if (served) out.set(served.district.code, served);
  for (const code of builtInPackCodes()) if (!out.has(code)) out.set(code, BUILT_IN[code]);
  const repo = new AreaPackRepo(store);
  for (const { code } of await repo.list()) {
    if (out.has(code)) continue;
    const stored = await repo.get(code);
    if (stored) out.set(code, parsePack(stored.packJson));
  }
  return [...out.values()];
}
