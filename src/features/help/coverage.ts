import type { AreaPack } from '../../domain/areas/pack';
import { latestWardSet, wardSetFor } from '../../domain/areas/resolve';
import type { CrimeFigures } from '../crime/answer';
import type { HelpCoverage } from './help';

/** What help tells of the data: the wards of the ward set the latest figures use, and the months held. */
export async function helpCoverage(pack: AreaPack, figures: Pick<CrimeFigures, 'dataRange' | 'isSampleData'>): Promise<HelpCoverage> {
  const [range, sample] = await Promise.all([figures.dataRange(null), figures.isSampleData()]);
  const latestSet = range ? wardSetFor(pack, range.latest) : latestWardSet(pack);
  const wards = [...(latestSet?.wards ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map((w) => ({ code: w.code, name: w.name, type: 'ward' as const }));
  return { wards, months: range ? { from: range.earliest, to: range.latest } : null, sample: range !== null && sample };
}
