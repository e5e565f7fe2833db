import { z } from 'zod';
import type { AreaPack } from './pack';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const packSchema = z.object({
  district: z.object({ code: z.string().regex(/^[EW]0[6-9]\d{6}$/), name: z.string().min(1), aliases: z.array(z.string()) }),
  policeForce: z.string().min(1),
  wardSets: z
    .array(
      z.object({
        id: z.string().min(1),
        from: day,
        to: day.nullable(),
        wards: z.array(z.object({ code: z.string().min(1), name: z.string().min(1) })).min(1),
        lookup: z.array(z.object({ lsoa: z.string().min(1), ward: z.string().min(1), share: z.number().min(0).max(1) })),
      }),
    )
    .min(1),
  lsoas: z.array(z.object({ code: z.string().min(1), name: z.string(), population: z.number().int().min(0), hectares: z.number().min(0).optional() })).min(1),
  groups: z.array(z.object({ code: z.string().min(1), name: z.string().min(1), lsoas: z.array(z.string()), aliases: z.array(z.string()) })),
  wardAliases: z.record(z.string(), z.array(z.string())),
});

/** Problems that make a pack unusable; an empty list means it is sound. */
export function packProblems(pack: AreaPack): string[] {
  const problems: string[] = [];
  const lsoas = new Set(pack.lsoas.map((l) => l.code));
  const sets = [...pack.wardSets].sort((a, b) => a.from.localeCompare(b.from));
  sets.forEach((set, i) => {
    const wards = new Set(set.wards.map((w) => w.code));
    const covered = new Set<string>();
    for (const row of set.lookup) {
      if (!lsoas.has(row.lsoa)) problems.push(`ward set ${set.id}: lookup names LSOA ${row.lsoa}, which is not in the pack`);
      if (!wards.has(row.ward)) problems.push(`ward set ${set.id}: lookup names ward ${row.ward}, which is not in the set`);
      covered.add(row.lsoa);
    }
    for (const l of lsoas) if (!covered.has(l)) problems.push(`ward set ${set.id}: LSOA ${l} is in no ward`);
    const next = sets[i + 1];
    if (next && (set.to === null || set.to >= next.from)) problems.push(`ward set ${set.id} overlaps ward set ${next.id}`);
  });
  for (const g of pack.groups) for (const l of g.lsoas) if (!lsoas.has(l)) problems.push(`group ${g.name}: LSOA ${l} is not in the pack`);
  return problems;
}

/** Reads a pack from untrusted JSON (a stored import) and checks it hangs together. */
export function parsePack(json: unknown): AreaPack {
  const parsed = packSchema.safeParse(typeof json === 'string' ? JSON.parse(json) : json);
  if (!parsed.success) {
    throw new Error(`area pack is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const pack = parsed.data as AreaPack;
  const problems = packProblems(pack);
  if (problems.length > 0) throw new Error(`area pack ${pack.district.code} is not valid: ${problems.slice(0, 5).join('; ')}`);
  return pack;
}
