import type { AreaPack } from '../../src/domain/areas/pack';
import { AreaPackRepo } from '../../src/store/areaPackRepo';
import type { Store } from '../../src/store/db';

/** A small second Derbyshire district for multi-district tests (codes in Bolsover's form, made-up wards). */
export const neighbourPack: AreaPack = {
  district: { code: 'E07000033', name: 'Bolsover', aliases: ['Bolsover'] },
  policeForce: 'derbyshire',
  wardSets: [
    {
      id: '2019',
      from: '2019-05-02',
      to: null,
      wards: [
        { code: 'E05012000', name: 'Shirebrook North' },
        { code: 'E05012001', name: 'Clowne East' },
      ],
      lookup: [
        { lsoa: 'E01019400', ward: 'E05012000', share: 1 },
        { lsoa: 'E01019401', ward: 'E05012001', share: 1 },
      ],
    },
  ],
  lsoas: [
    { code: 'E01019400', name: 'Bolsover 001A', population: 1500 },
    { code: 'E01019401', name: 'Bolsover 001B', population: 1500 },
  ],
  groups: [],
  wardAliases: {},
};

export async function saveNeighbourPack(store: Store, pack: AreaPack = neighbourPack): Promise<void> {
  await new AreaPackRepo(store).save({ code: pack.district.code, name: pack.district.name, packJson: JSON.stringify(pack), origin: 'test', importedAt: '2024-01-01T00:00:00.000Z' });
}
