import type { AreaPack } from '../../src/domain/areas/pack';

/**
 * A small pack built from the ward lists of ../shared/data/README.md, with no aliases at all:
 * what the matcher does with bare official names (parts, "&", apostrophes, abbreviations)
 * shows here, apart from the aliases the built-in Chesterfield pack adds.
 */
export const barePack: AreaPack = {
  district: { code: 'E07000034', name: 'Chesterfield', aliases: ['the borough'] },
  policeForce: 'derbyshire',
  wardSets: [
    {
      id: '2015-2023',
      from: '2015-05-07',
      to: '2023-05-03',
      wards: [
        { code: 'E05003323', name: 'Barrow Hill and New Whittington' },
        { code: 'E05003324', name: 'Brimington North' },
        { code: 'E05003325', name: 'Brimington South' },
        { code: 'E05003328', name: 'Hasland' },
        { code: 'E05003329', name: 'Hollingwood and Inkersall' },
        { code: 'E05003334', name: 'Middlecroft and Poolsbrook' },
        { code: 'E05003337', name: 'Rother' },
        { code: 'E05003339', name: "St Leonard's" },
        { code: 'E05003341', name: 'West' },
      ],
      lookup: [],
    },
    {
      id: '2023',
      from: '2023-05-04',
      to: null,
      wards: [
        { code: 'E05015170', name: 'Brampton East & Boythorpe' },
        { code: 'E05015171', name: 'Brampton West & Loundsley Green' },
        { code: 'E05015172', name: 'Brimington North' },
        { code: 'E05015173', name: 'Brimington South' },
        { code: 'E05015176', name: 'Hasland' },
        { code: 'E05015178', name: 'Rother' },
        { code: 'E05015179', name: 'Spire' },
        { code: 'E05015180', name: 'Staveley Central' },
      ],
      lookup: [],
    },
  ],
  lsoas: [],
  groups: [{ code: 'group:staveley', name: 'Staveley', lsoas: [], aliases: [] }],
  wardAliases: {},
};

/** Titles like the demo plan's, for action-title matching. */
export const planTitles: string[] = [
  'Operation Blofeld: pilot a serious and organised crime partnership approach',
  'Provide guard cams to vulnerable residents',
  'Recruit Cyber Buddies volunteers for the digital hubs',
  'Run a Digital MOT and a scams podcast',
  'Deliver PREVENT input to secondary schools',
  'Enforce the Town Centre Public Space Protection Order (PSPO)',
  'Secure CCTV funding for Staveley town centre',
  'Hold Hate Crime Awareness Week',
  'Adopt the county Hate Crime Strategy',
  'Run the Great Outdoors programme',
  'Rother Active Youth sessions',
  'PCSO walk-throughs of parks',
  'Multi-agency ASB communications campaign for the summer holidays',
];

/** 10 March 2021: the worked example's committee met in early 2021. */
export const referenceDate = new Date(Date.UTC(2021, 2, 10, 12));
