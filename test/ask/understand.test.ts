import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import type { AreaRef } from '../../src/domain/areas/pack';
import type { Query } from '../../src/core/query';
import { compileVocabulary, understand } from '../../src/ask/understand';
import { planTitles, referenceDate } from './fixtures';

const vocab = compileVocabulary({ pack: chesterfieldPack, actionTitles: planTitles, referenceDate });

const ward = (code: string, name: string): AreaRef => ({ code, name, type: 'ward' });
const district: AreaRef = { code: 'E07000034', name: 'Chesterfield', type: 'district' };
const staveley: AreaRef = { code: 'group:staveley', name: 'Staveley', type: 'group' };
const townCentre: AreaRef = { code: 'group:town-centre', name: 'Town centre', type: 'group' };
// 2023 wards (the newest set, matched first by default)
const rother = ward('E05015178', 'Rother');
const hasland = ward('E05015176', 'Hasland');
const dunston = ward('E05015175', 'Dunston');
const brimN = ward('E05015172', 'Brimington North');
const brimS = ward('E05015173', 'Brimington South');
const walton = ward('E05015183', 'Walton');
const linacre = ward('E05015177', 'Linacre');
const brockwell = ward('E05015174', 'Brockwell');
const spire = ward('E05015179', 'Spire');
const whittington = ward('E05015184', 'Whittington');
const whittingtonMoor = ward('E05015185', 'Whittington Moor');
const stavC = ward('E05015180', 'Staveley Central');
const stavN = ward('E05015181', 'Staveley North');
const stavS = ward('E05015182', 'Staveley South');
const bramptonEast = ward('E05015170', 'Brampton East & Boythorpe');
const bramptonWest = ward('E05015171', 'Brampton West & Loundsley Green');
// 2015–2023 wards that have no namesake in the 2023 set
const stLeonards = ward('E05003339', "St Leonard's");
const stHelens = ward('E05003338', "St Helen's");
const holmebrook = ward('E05003330', 'Holmebrook');
const middlecroft = ward('E05003334', 'Middlecroft and Poolsbrook');
const lowgates = ward('E05003333', 'Lowgates and Woodthorpe');
const hollingwood = ward('E05003329', 'Hollingwood and Inkersall');
const barrowHill = ward('E05003323', 'Barrow Hill and New Whittington');
const west = ward('E05003341', 'West');

const cat = (slug: string, name: string) => ({ slug, name });
const ASB = cat('anti-social-behaviour', 'Anti-social behaviour');
const VIOLENCE = cat('violent-crime', 'Violence and sexual offences');
const VWI = cat('violence-without-injury', 'Violence without injury');
const VWITH = cat('violence-with-injury', 'Violence with injury');
const BURGLARY = cat('burglary', 'Burglary');
const SHOPLIFTING = cat('shoplifting', 'Shoplifting');
const DRUGS = cat('drugs', 'Drugs');
const ORDER = cat('public-order', 'Public order');
const DAMAGE = cat('criminal-damage-arson', 'Criminal damage and arson');
const VEHICLE = cat('vehicle-crime', 'Vehicle crime');
const THEFT = cat('other-theft', 'Other theft');
const ROBBERY = cat('robbery', 'Robbery');
const WEAPONS = cat('possession-of-weapons', 'Possession of weapons');
const BIKE = cat('bicycle-theft', 'Bicycle theft');
const HATE = cat('hate-crime', 'Hate crime');
const DA = cat('domestic-abuse', 'Domestic abuse');
const STALKING = cat('stalking-and-harassment', 'Stalking and harassment');
const PERSON = cat('theft-from-the-person', 'Theft from the person');

type Row = [string, Partial<Query>];

/** Fields given as undefined must be absent; the others must match. */
function expectQuery(q: Query, expected: Partial<Query>): void {
  const present: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(expected)) {
    if (value === undefined) expect({ [key]: (q as unknown as Record<string, unknown>)[key] }).toEqual({});
    else present[key] = value;
  }
  expect(q).toMatchObject(present);
  for (const [key, value] of Object.entries(expected.actions ?? {})) {
    if (value === undefined) expect({ [key]: (q.actions as Record<string, unknown> | undefined)?.[key] }).toEqual({});
  }
}

/** Every intent, area form, category and period form, with the Query fields each must give. */
const table: Row[] = [
  // ── crime.trend, area forms ──
  ['ASB trend in Rother ward', { intent: 'crime.trend', category: ASB, area: rother, period: undefined }],
  ['ASB trend in Rother', { intent: 'crime.trend', category: ASB, area: rother }],
  ['asb in ROTHER WARD', { intent: 'crime.trend', category: ASB, area: rother }],
  ['How has ASB in Rother changed over the last 12 months against the previous 12?', { intent: 'crime.trend', category: ASB, area: rother, period: { kind: 'last-months', months: 12 }, comparison: 'previous' }],
  ['burglary in Hasland', { intent: 'crime.trend', category: BURGLARY, area: hasland }],
  ['burglary in hasland ward', { intent: 'crime.trend', category: BURGLARY, area: hasland }],
  ['Dunston crime', { intent: 'crime.trend', category: undefined, area: dunston }],
  ['crime in Walton', { intent: 'crime.trend', area: walton }],
  ['Linacre violence', { intent: 'crime.trend', category: VIOLENCE, area: linacre }],
  ['Brockwell shoplifting', { intent: 'crime.trend', category: SHOPLIFTING, area: brockwell }],
  ['Spire burglary', { intent: 'crime.trend', category: BURGLARY, area: spire }],
  ['Whittington ASB', { intent: 'crime.trend', category: ASB, area: whittington }],
  ['ASB in Whittington Moor', { intent: 'crime.trend', category: ASB, area: whittingtonMoor }],
  ['ASB in the Moor', { intent: 'crime.trend', category: ASB, area: whittingtonMoor }],
  ['Brimington North burglary', { intent: 'crime.trend', category: BURGLARY, area: brimN }],
  ['Brimington Sth burglary', { intent: 'crime.trend', category: BURGLARY, area: brimS }],
  ['burglary in Brimington N', { intent: 'crime.trend', category: BURGLARY, area: brimN }],
  ['drugs in Staveley Central', { intent: 'crime.trend', category: DRUGS, area: stavC }],
  ['drugs in Staveley North ward', { intent: 'crime.trend', category: DRUGS, area: stavN }],
  ['ASB in Staveley South', { intent: 'crime.trend', category: ASB, area: stavS }],
  ['violence in Brampton East & Boythorpe', { intent: 'crime.trend', category: VIOLENCE, area: bramptonEast }],
  ['violence in Brampton East and Boythorpe', { intent: 'crime.trend', category: VIOLENCE, area: bramptonEast }],
  ['violence in Brampton West and Loundsley Green', { intent: 'crime.trend', category: VIOLENCE, area: bramptonWest }],
  ['violence in Boythorpe', { intent: 'crime.trend', category: VIOLENCE, area: bramptonEast }],
  ['anti-social behaviour in Loundsley Green over the past year', { intent: 'crime.trend', category: ASB, area: bramptonWest, period: { kind: 'last-months', months: 12 } }],
  // old (2015–2023) names resolve to their own codes
  ['ASB in Middlecroft and Poolsbrook', { intent: 'crime.trend', category: ASB, area: middlecroft }],
  ['ASB in Middlecroft & Poolsbrook ward', { intent: 'crime.trend', category: ASB, area: middlecroft }],
  ['burglary in Lowgates and Woodthorpe', { intent: 'crime.trend', category: BURGLARY, area: lowgates }],
  ['crime in Hollingwood and Inkersall', { intent: 'crime.trend', area: hollingwood }],
  ['crime in Barrow Hill and New Whittington', { intent: 'crime.trend', area: barrowHill }],
  ['shoplifting in Holmebrook', { intent: 'crime.trend', category: SHOPLIFTING, area: holmebrook }],
  ['crime in West ward', { intent: 'crime.trend', area: west }],
  // apostrophes and abbreviations
  ["violence in St Leonard's", { intent: 'crime.trend', category: VIOLENCE, area: stLeonards }],
  ['violence in St Leonards', { intent: 'crime.trend', category: VIOLENCE, area: stLeonards }],
  ['violence in St. Leonards ward', { intent: 'crime.trend', category: VIOLENCE, area: stLeonards }],
  ['violence in Saint Leonards', { intent: 'crime.trend', category: VIOLENCE, area: stLeonards }],
  ['violence in St Leonard’s', { intent: 'crime.trend', category: VIOLENCE, area: stLeonards }],
  ['ASB in st helens', { intent: 'crime.trend', category: ASB, area: stHelens }],
  ["ASB in Saint Helen's ward", { intent: 'crime.trend', category: ASB, area: stHelens }],
  // misspellings within a small edit distance
  ['ASB in Rothr', { intent: 'crime.trend', category: ASB, area: rother }],
  ['burglary in Haslnd', { intent: 'crime.trend', category: BURGLARY, area: hasland }],
  ['burglary in Hsaland', { intent: 'crime.trend', category: BURGLARY, area: hasland }],
  ['crime in Dunstan', { intent: 'crime.trend', area: dunston }],
  ['drugs in Stavely', { intent: 'crime.trend', category: DRUGS, area: staveley }],
  ['drugs in Stavely Centrl', { intent: 'crime.trend', category: DRUGS, area: stavC }],
  ['ASB in Brimington Nrth', { intent: 'crime.trend', category: ASB, area: brimN }],
  ['ASB in Brimingtn North', { intent: 'crime.trend', category: ASB, area: brimN }],
  ['ASB in Middlecroft and Poolsbrok', { intent: 'crime.trend', category: ASB, area: middlecroft }],
  // named groups
  ['drugs in Staveley', { intent: 'crime.trend', category: DRUGS, area: staveley }],
  ['Staveley area violence', { intent: 'crime.trend', category: VIOLENCE, area: staveley }],
  ['shoplifting in the town centre', { intent: 'crime.trend', category: SHOPLIFTING, area: townCentre }],
  ['Town Centre shoplifting', { intent: 'crime.trend', category: SHOPLIFTING, area: townCentre }],
  ['shoplifting in Chesterfield town centre', { intent: 'crime.trend', category: SHOPLIFTING, area: townCentre }],
  // the district, said or not
  ['crime in Chesterfield', { intent: 'crime.trend', area: district, category: undefined }],
  ['ASB across the borough', { intent: 'crime.trend', category: ASB, area: district }],
  ['violence in the whole borough', { intent: 'crime.trend', category: VIOLENCE, area: district }],
  ['ASB trend', { intent: 'crime.trend', category: ASB, area: district }],
  ['is crime rising?', { intent: 'crime.trend', area: district }],
  ['Is this rise real, or a recording change or Covid?', { intent: 'crime.trend', area: district }],

  // ── categories, the words people use ──
  ['anti social behaviour in Rother', { category: ASB, area: rother }],
  ['anti-social behaviour in Rother', { category: ASB, area: rother }],
  ['antisocial behaviour in Rother', { category: ASB, area: rother }],
  ['anti-social in Rother', { category: ASB, area: rother }],
  ['nuisance in Rother', { category: ASB, area: rother }],
  ['violence in Hasland', { category: VIOLENCE }],
  ['assaults in Hasland', { category: VIOLENCE }],
  ['an assault in Hasland', { category: VIOLENCE }],
  ['violent crime in Hasland', { category: VIOLENCE }],
  ['violent crimes in Hasland', { category: VIOLENCE }],
  ['violence and sexual offences in Hasland', { category: VIOLENCE }],
  ['violence without injury in Hasland', { category: VWI }],
  ['violence with injury in Hasland', { category: VWITH }],
  ['break-ins in Walton', { category: BURGLARY, area: walton }],
  ['break ins in Walton', { category: BURGLARY }],
  ['a break-in in Walton', { category: BURGLARY }],
  ['burglaries in Walton', { category: BURGLARY }],
  ['shoplifting', { intent: 'crime.trend', category: SHOPLIFTING, area: district }],
  ['drug crime', { category: DRUGS }],
  ['drugs offences', { category: DRUGS }],
  ['public disorder in Rother', { category: ORDER }],
  ['public order offences', { category: ORDER }],
  ['criminal damage in Rother', { category: DAMAGE }],
  ['vandalism in Rother', { category: DAMAGE }],
  ['arson', { category: DAMAGE }],
  ['vehicle crime in Walton', { category: VEHICLE }],
  ['car crime in Walton', { category: VEHICLE }],
  ['vehicle crimes', { category: VEHICLE }],
  ['theft in Brockwell', { category: THEFT }],
  ['other theft in Brockwell', { category: THEFT }],
  ['thefts', { category: THEFT }],
  ['theft from the person', { category: PERSON }],
  ['robbery in Brockwell', { category: ROBBERY }],
  ['robberies', { category: ROBBERY }],
  ['weapons offences', { category: WEAPONS }],
  ['knife crime in Rother', { category: WEAPONS }],
  ['bike theft', { category: BIKE }],
  ['bicycle theft in the town centre', { category: BIKE, area: townCentre }],
  ['bike thefts', { category: BIKE }],
  ['hate crime', { category: HATE }],
  ['hate crimes in Chesterfield', { category: HATE, area: district }],
  ['domestic abuse in Rother', { category: DA, area: rother }],
  ['DA in Rother', { category: DA, area: rother }],
  ['stalking in Rother', { category: STALKING }],
  ['harassment', { category: STALKING }],
  ['stalking and harassment', { category: STALKING }],
  ['burglery in Rother', { category: BURGLARY, area: rother }],

  // ── periods ──
  ['total crime Feb 2020 to Jan 2021', { period: { kind: 'range', from: '2020-02', to: '2021-01' } }],
  ['ASB from February 2020 to January 2021', { period: { kind: 'range', from: '2020-02', to: '2021-01' } }],
  ['ASB between Feb and Jan 2021', { period: { kind: 'range', from: '2020-02', to: '2021-01' } }],
  ['ASB Feb 2020 – Jan 2021', { period: { kind: 'range', from: '2020-02', to: '2021-01' } }],
  ['ASB in Rother in 2020', { category: ASB, area: rother, period: { kind: 'year', year: 2020 } }],
  ['ASB in March 2020', { period: { kind: 'range', from: '2020-03', to: '2020-03' } }],
  ['burglary during Mar 2020', { period: { kind: 'range', from: '2020-03', to: '2020-03' } }],
  ['ASB over the last 6 months', { intent: 'crime.trend', period: { kind: 'last-months', months: 6 } }],
  ['ASB last six months', { period: { kind: 'last-months', months: 6 } }],
  ['violence over the past year', { period: { kind: 'last-months', months: 12 } }],
  ['violence in the last 12 months', { period: { kind: 'last-months', months: 12 } }],
  ['violence in the last two years', { period: { kind: 'last-months', months: 24 } }],
  ['ASB last quarter', { period: { kind: 'last-months', months: 3 } }],
  ['ASB this year', { period: { kind: 'this-year' } }],
  ['ASB last year', { period: { kind: 'last-year' } }],
  ['ASB since March 2020', { period: { kind: 'since', from: '2020-03' } }],
  ['ASB since March', { period: { kind: 'since', from: '2021-03' } }],
  ['ASB since April', { period: { kind: 'since', from: '2020-04' } }],
  ['ASB in financial year 2020/21', { period: { kind: 'range', from: '2020-04', to: '2021-03' } }],
  ['ASB in summer 2020', { period: { kind: 'range', from: '2020-06', to: '2020-08' } }],
  ['ASB in 2019 vs 2020', { intent: 'crime.trend', period: { kind: 'year', year: 2020 }, comparison: 'year-on-year', area: district }],
  ['total recorded crime compared with the previous 12 months', { intent: 'crime.trend', comparison: 'previous', period: undefined }],
  ['ASB in Rother year on year', { intent: 'crime.trend', comparison: 'year-on-year', area: rother }],
  ['ASB in Rother year-on-year', { comparison: 'year-on-year' }],
  ['ASB in Rother compared with the same period last year', { comparison: 'year-on-year', period: undefined }],
  // "last" alone after "this year" is last year: the year so far against the same months before, in one area.
  ['drug offences in Staveley this year vs last', { intent: 'crime.trend', category: DRUGS, area: staveley, period: { kind: 'this-year' }, comparison: 'year-on-year' }],
  ['ASB in Rother this year versus last', { intent: 'crime.trend', area: rother, period: { kind: 'this-year' }, comparison: 'year-on-year' }],
  ['crime in Rother and Hasland combined', { intent: 'crime.compare_areas', combined: true }],
  ['compare Rother and Hasland', { intent: 'crime.compare_areas', combined: undefined }],
  ['ASB this month vs last', { period: { kind: 'last-months', months: 1 }, comparison: undefined }],
  [
    'total recorded crime in Chesterfield Feb 2020 to Jan 2021 compared with the previous 12 months',
    { intent: 'crime.trend', area: district, category: undefined, period: { kind: 'range', from: '2020-02', to: '2021-01' }, comparison: 'previous' },
  ],

  // ── crime.total ──
  ['how many burglaries in Rother in 2020', { intent: 'crime.total', category: BURGLARY, area: rother, period: { kind: 'year', year: 2020 } }],
  ['total ASB in Hasland', { intent: 'crime.total', category: ASB, area: hasland }],
  ['number of robberies in March 2020', { intent: 'crime.total', category: ROBBERY }],
  ['violence without injury in 2020', { intent: 'crime.total', category: VWI, period: { kind: 'year', year: 2020 } }],

  // ── crime.rank ──
  ['which wards have the most burglaries', { intent: 'crime.rank', category: BURGLARY, area: district }],
  ['which wards have the most burglaries per 1,000 residents', { intent: 'crime.rank', category: BURGLARY, perCapita: true }],
  ['ASB per 1000 by ward', { intent: 'crime.rank', category: ASB, perCapita: true }],
  ['worst ward for ASB', { intent: 'crime.rank', category: ASB }],
  ['top wards for shoplifting', { intent: 'crime.rank', category: SHOPLIFTING }],
  ['rank the wards by violence', { intent: 'crime.rank', category: VIOLENCE }],
  ['where are the hotspots for drugs', { intent: 'crime.rank', category: DRUGS }],
  ['how does Rother rank for ASB', { intent: 'crime.rank', category: ASB, area: rother }],
  ['which ward in Staveley has the most ASB', { intent: 'crime.rank', category: ASB, area: staveley }],

  // ── crime.breakdown ──
  ['breakdown of crime types in Rother', { intent: 'crime.breakdown', area: rother, category: undefined }],
  ['What is the breakdown of crime types in my ward?', { intent: 'clarify' }],
  ['crime breakdown for the town centre', { intent: 'crime.breakdown', area: townCentre }],
  ['types of crime in St Leonards', { intent: 'crime.breakdown', area: stLeonards }],
  ['break down crime in Hasland by category', { intent: 'crime.breakdown', area: hasland }],

  // ── crime.compare_areas ──
  ['Rother vs Hasland', { intent: 'crime.compare_areas', areas: [rother, hasland] }],
  ['compare Rother and Dunston', { intent: 'crime.compare_areas', areas: [rother, dunston] }],
  ['ASB in Rother versus Walton', { intent: 'crime.compare_areas', category: ASB, areas: [rother, walton] }],
  ['compare ASB in Rother with the borough', { intent: 'crime.compare_areas', category: ASB, areas: [rother, district] }],
  ['compare Rother', { intent: 'crime.compare_areas', areas: [rother, district] }],
  ['burglary in Hasland, Walton and Brockwell', { intent: 'crime.compare_areas', category: BURGLARY, areas: [hasland, walton, brockwell] }],
  ['Staveley v town centre ASB', { intent: 'crime.compare_areas', areas: [staveley, townCentre] }],

  // ── actions.list ──
  ['show the action plan', { intent: 'actions.list', actions: {} }],
  ['action plan', { intent: 'actions.list' }],
  ['overdue actions', { intent: 'actions.list', actions: { overdue: true } }],
  ['which actions are late?', { intent: 'actions.list', actions: { overdue: true } }],
  ['red actions', { intent: 'actions.list', actions: { rag: 'red', rags: ['red'] } }],
  ['amber or red actions', { intent: 'actions.list', actions: { rags: ['amber', 'red'] } }],
  ['Which actions are red, amber or overdue, and who leads them?', { intent: 'actions.list', actions: { rags: ['red', 'amber'], overdue: true } }],
  ['actions in Rother', { intent: 'actions.list', area: rother, actions: { wardCode: rother.code } }],
  ['actions in Staveley', { intent: 'actions.list', area: staveley, actions: { areaCode: staveley.code } }],
  ['actions in Rother and Hasland', { intent: 'actions.list', areas: [rother, hasland], actions: { areaCodes: [rother.code, hasland.code] } }],
  ['my actions', { intent: 'actions.list', actions: { lead: 'me' } }],
  ['actions I lead', { intent: 'actions.list', actions: { lead: 'me' } }],
  ['what changed since 1 March', { intent: 'actions.list', actions: { changedSince: '2021-03-01' } }],
  ['what has changed since 14/09/2020', { intent: 'actions.list', actions: { changedSince: '2020-09-14' } }],
  ['actions led by police', { intent: 'actions.list', actions: { leadAgency: 'police' } }],
  ['actions led by Derbyshire Constabulary', { intent: 'actions.list', actions: { leadAgency: 'derbyshire constabulary' }, note: undefined }],
  ['police actions', { intent: 'actions.list', actions: { leadAgency: 'police' } }],
  ['actions on hold', { intent: 'actions.list', actions: { status: 'on_hold' } }],
  ['completed actions', { intent: 'actions.list', actions: { status: 'completed' } }],
  [
    'What has changed on guard cams, Staveley CCTV, Cyber Buddies or the PSPO since the last committee?',
    {
      intent: 'actions.list',
      actions: {
        sinceLastMeeting: true,
        changedSince: '2021-03-11',
        titles: [
          'Provide guard cams to vulnerable residents',
          'Secure CCTV funding for Staveley town centre',
          'Recruit Cyber Buddies volunteers for the digital hubs',
          'Enforce the Town Centre Public Space Protection Order (PSPO)',
        ],
      },
    },
  ],

  // ── action.detail ──
  ['status of Operation Blofeld', { intent: 'action.detail', actionTitle: 'Operation Blofeld: pilot a serious and organised crime partnership approach' }],
  ['Operation Blofeld', { intent: 'action.detail', actionTitle: 'Operation Blofeld: pilot a serious and organised crime partnership approach' }],
  ['progress on guard cams', { intent: 'action.detail', actionTitle: 'Provide guard cams to vulnerable residents' }],
  ['how are the Cyber Buddies going?', { intent: 'action.detail', actionTitle: 'Recruit Cyber Buddies volunteers for the digital hubs' }],
  ['Is the Town Centre Public Space Protection Order working?', { intent: 'action.detail', actionTitle: 'Enforce the Town Centre Public Space Protection Order (PSPO)' }],
  ['update on the scams podcast', { intent: 'action.detail', actionTitle: 'Run a Digital MOT and a scams podcast' }],
  ['who leads the guard cams action?', { intent: 'action.detail', actionTitle: 'Provide guard cams to vulnerable residents' }],
  ['Is the Town Centre PSPO working?', { intent: 'action.detail', actionTitle: 'Enforce the Town Centre Public Space Protection Order (PSPO)' }],
  ['status of the Great Outdors programme', { intent: 'action.detail', actionTitle: 'Run the Great Outdoors programme' }],

  // ── follow-ups ──
  ["what's due", { intent: 'followups.list', followups: { scope: 'due' } }],
  ['what is due this week?', { intent: 'followups.list', followups: { scope: 'due' } }],
  ["what's overdue", { intent: 'followups.list', followups: { scope: 'overdue' } }],
  ['follow-ups from the last meeting', { intent: 'followups.list', followups: { scope: 'last-meeting' } }],
  ['What did we resolve last time, and was it delivered?', { intent: 'followups.list', followups: { scope: 'last-meeting' } }],
  ['show follow ups', { intent: 'followups.list', followups: { scope: 'all' } }],
  [
    'remind me about the hate crime figures on 1 March',
    { intent: 'followups.remind', reminder: { about: 'the hate crime figures', on: '2022-03-01', audience: 'me' } },
  ],
  [
    'remind this channel about the progress report on 1 September',
    { intent: 'followups.remind', reminder: { about: 'the progress report', on: '2021-09-01', audience: 'this-conversation' } },
  ],
  ['remind us about the webinar details on 20/03/2021', { intent: 'followups.remind', reminder: { about: 'the webinar details', on: '2021-03-20', audience: 'this-conversation' } }],
  ['remind me to chase the police figures tomorrow', { intent: 'followups.remind', reminder: { about: 'chase the police figures', on: '2021-03-11', audience: 'me' } }],
  ['stop reminding me about the hate crime figures', { intent: 'followups.stop', stopAbout: 'the hate crime figures' }],
  ['stop reminders about the progress report', { intent: 'followups.stop', stopAbout: 'the progress report' }],
  ["don't remind me about the webinar", { intent: 'followups.stop', stopAbout: 'the webinar' }],

  // ── minutes, whoami, help ──
  ['import minutes\nItem 5. The committee resolved that…', { intent: 'minutes.import', minutesText: 'Item 5. The committee resolved that…' }],
  ['Import the minutes: Present: Councillors…', { intent: 'minutes.import', minutesText: 'Present: Councillors…' }],
  ['whoami', { intent: 'whoami' }],
  ['who am I?', { intent: 'whoami' }],
  ["what's my role", { intent: 'whoami' }],
  ['What is my role?', { intent: 'whoami' }],
  ['help', { intent: 'help' }],
  ['What can you do?', { intent: 'help' }],
  ['hello', { intent: 'help' }],
  ['Good morning', { intent: 'help' }],
  ['thanks!', { intent: 'help' }],
  ['', { intent: 'help' }],

  // ── unknown ──
  ['asdfgh qwerty', { intent: 'unknown' }],
  ['how are things going', { intent: 'unknown' }],
  ['is crime rising', { intent: 'crime.trend', area: district }],
  ['remind me what the ASB figures were for Rother', { intent: 'crime.trend', category: ASB, area: rother }],
  ['Bonjour, comment ça va ?', { intent: 'unknown' }],
  ['🙂🙂🙂', { intent: 'unknown' }],
  ['violence in Sheffield', { intent: 'unknown' }],
  ['burglary in Manchester', { intent: 'unknown' }],
  ['crime in Rotherham', { intent: 'unknown' }],
];

describe('understand: the phrasing table', () => {
  it('covers at least 150 phrasings', () => {
    expect(table.length).toBeGreaterThanOrEqual(150);
  });

  // The store knows a meeting, as the bot's does once minutes are loaded.
  it.each(table)('%j', (text, expected) => {
    expectQuery(understand(text, vocab, { lastMeeting: '2021-03-11' }), expected);
  });

  it('covers every intent the parser can give', () => {
    const intents = new Set(table.map(([text]) => understand(text, vocab).intent));
    for (const intent of [
      'crime.trend', 'crime.total', 'crime.rank', 'crime.breakdown', 'crime.compare_areas', 'actions.list', 'action.detail',
      'followups.list', 'followups.remind', 'followups.stop', 'minutes.import', 'whoami', 'help', 'clarify', 'unknown',
    ]) {
      expect(intents).toContain(intent);
    }
  });
});

describe('understand: asking rather than guessing', () => {
  it('a ward left out of other wards\' figures is said to be left out, and the others answered alone', () => {
    for (const text of ['burglary in Rother but not Hasland', 'burglary in Rother excluding Hasland', 'burglary in Rother, not including Hasland']) {
      const q = understand(text, vocab);
      expect(q).toMatchObject({ intent: 'crime.trend', area: rother, category: BURGLARY });
      expect(q.areas).toBeUndefined();
      expect(q.note).toContain('Hasland left out, as asked');
    }
    const two = understand('compare Rother with Dunston, not Hasland', vocab);
    expect(two).toMatchObject({ intent: 'crime.compare_areas', areas: [rother, dunston] });
    expect(two.note).toContain('not part of Rother or Dunston');
  });

  it('a ward left out of the borough or a named area is asked about, and each choice is then understood', () => {
    for (const [text, whole, out] of [
      ['crime in Chesterfield except Hasland', district, hasland],
      ['ASB except in Hasland', district, hasland],
      ['ASB in Staveley apart from Staveley North', staveley, stavN],
    ] as const) {
      const q = understand(text, vocab);
      expect(q.intent).toBe('clarify');
      expect(q.clarify?.question).toContain(`take ${out.name} out of ${whole.name}`);
      const [all, compared] = (q.clarify?.options ?? []).map((o) => understand(o.text, vocab));
      expect(all.intent).toBe('crime.trend');
      expect(all.area).toEqual(whole);
      expect(compared).toMatchObject({ intent: 'crime.compare_areas' });
      expect(compared.areas).toEqual(expect.arrayContaining([whole, out]));
    }
  });

  it('a comparison of areas says what its words were taken to mean, as a single area\'s answer does', () => {
    const knives = understand('knife crime in Rother vs Hasland', vocab);
    expect(knives).toMatchObject({ intent: 'crime.compare_areas', areas: [rother, hasland] });
    expect(knives.note).toContain('Knife crime is not a police.uk category');
    const rest = understand('ASB in Hasland compared with the rest of the borough', vocab);
    expect(rest).toMatchObject({ intent: 'crime.compare_areas', areas: [hasland, district] });
    expect(rest.note).toContain('Compared with Chesterfield as a whole, Hasland included');
    const restNoBorough = understand('is Hasland worse than the rest of the town for ASB', vocab);
    expect(restNoBorough.note).toContain('Hasland included');
  });

  it('a half year is read as its six months and said back, never taken as the whole year', () => {
    const q = understand('crime in Rother in H1 2020', vocab);
    expect(q).toMatchObject({ intent: 'crime.total', area: rother, period: { kind: 'range', from: '2020-01', to: '2020-06' } });
    expect(q.note).toContain('Taking the first half of 2020 as January 2020 to June 2020');
  });

  it('a percentage change is a change over time, and a percentage "in" an area is its share of the borough', () => {
    for (const text of ['percentage change in burglary in Rother', 'what is the percentage increase in ASB in Hasland', 'by what percentage has ASB risen in Hasland']) {
      const q = understand(text, vocab);
      expect(q.intent).toBe('crime.trend');
      expect(q.note ?? '').not.toContain('breakdown');
    }
    const share = understand('what percentage of ASB is in Rother', vocab);
    expect(share).toMatchObject({ intent: 'crime.compare_areas', areas: [rother, district], share: true, category: ASB });
    expect(understand('what proportion of crime in Rother is violence', vocab)).toMatchObject({ intent: 'crime.breakdown', area: rother });
  });

  it('whether an action worked is not claimed from the figures: it is said, with the figures and actions to judge by', () => {
    const q = understand('did the Rother Active Youth project reduce ASB?', vocab);
    expect(q.intent).toBe('clarify');
    expect(q.clarify?.question).toContain("can't say whether an action caused a change");
    const [trend, actions] = (q.clarify?.options ?? []).map((o) => understand(o.text, vocab));
    expect(trend).toMatchObject({ intent: 'crime.trend', area: rother, category: ASB });
    expect(actions.intent).toBe('actions.list');
    for (const text of ['has the CCTV made a difference to crime in the town centre', 'is the PSPO working to cut ASB?', 'what impact has the CCTV had on crime']) {
      expect(understand(text, vocab).clarify?.question).toContain("can't say whether an action caused a change");
    }
    // A question about the figures themselves is answered.
    const reduced = understand('has ASB reduced in Rother?', vocab);
    expect(reduced).toMatchObject({ intent: 'crime.trend', area: rother });
    expect(reduced.note ?? '').not.toContain('could not take');
  });

  it('"what changed since the last meeting" lists the changes since that meeting, or asks from when when no meeting is known', () => {
    const q = understand('what changed in the plan since the last meeting', vocab, { lastMeeting: '2021-03-11' });
    expect(q).toMatchObject({ intent: 'actions.list', actions: { changedSince: '2021-03-11' } });
    expect(q.note).toContain('Since the last meeting (11 March 2021)');
    const asked = understand('what has changed since the last meeting', vocab);
    expect(asked.intent).toBe('clarify');
    expect(asked.clarify?.question).toContain('do not know the date of the last meeting');
    for (const option of asked.clarify?.options ?? []) expect(understand(option.text, vocab).actions?.changedSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('"actions due this month" keeps the actions whose target dates fall in it, and says how it was read', () => {
    const q = understand('which actions are due this month?', vocab);
    expect(q).toMatchObject({ intent: 'actions.list', actions: { dueFrom: '2021-03-01', dueTo: '2021-03-31' } });
    expect(q.note).toContain('Taking "this month" as due dates from 1 Mar 2021 to 31 Mar 2021');
    expect(understand('Rother actions due before Christmas', vocab)).toMatchObject({ area: rother, actions: { wardCode: rother.code, dueFrom: '2021-03-10', dueTo: '2021-12-24' } });
    // A period that is not about target dates is still said to be no filter of the plan.
    expect(understand('show the actions for 2020', vocab).note).toContain('I cannot pick actions by a period');
  });

  it('"what\'s due this month" asks for the follow-ups due in this calendar month, not the next four weeks', () => {
    expect(understand("what's due this month", vocab)).toMatchObject({ intent: 'followups.list', followups: { scope: 'due', from: '2021-03-01', to: '2021-03-31' } });
    expect(understand("what's due", vocab).followups).toEqual({ scope: 'due' });
  });

  it('"when is the PSPO due to finish" asks for that action\'s detail, which gives its target date', () => {
    for (const text of ['when is the PSPO due to finish?', 'when does the PSPO end', 'deadline for the PSPO']) {
      const q = understand(text, vocab);
      expect(q.intent).toBe('action.detail');
      expect(q.actionTitle).toMatch(/Public Space Protection Order/);
    }
    expect(understand('when is the next report due', vocab).intent).toBe('followups.list');
  });

  it('"actions with no lead" keeps the actions no lead officer is named for', () => {
    for (const text of ['any actions with no lead?', 'which actions are unassigned', 'actions without a lead officer']) {
      expect(understand(text, vocab)).toMatchObject({ intent: 'actions.list', actions: { noLead: true } });
    }
    expect(understand('actions led by the police', vocab).actions?.noLead).toBeUndefined();
  });

  it('"how many more burglaries in Rother than Hasland" compares the two and asks for the difference', () => {
    expect(understand('how many more burglaries in Rother than Hasland', vocab)).toMatchObject({ intent: 'crime.compare_areas', areas: [rother, hasland], difference: true });
    expect(understand('Rother vs Hasland', vocab).difference).toBeUndefined();
  });

  it('a theme is named by its own words, not the words before it', () => {
    for (const text of ['actions for the vulnerable people theme', 'show me actions under the vulnerable people theme']) {
      expect(understand(text, vocab)).toMatchObject({ intent: 'actions.list', actions: { theme: 'vulnerable people' } });
    }
  });

  it('a comparison with a district the store holds nothing for is asked back, not answered for Chesterfield alone', () => {
    const q = understand('how does Chesterfield compare with Bolsover', vocab);
    expect(q.intent).toBe('clarify');
    expect(q.clarify?.question).toContain('I cannot compare with Bolsover: this store holds no figures for it.');
    expect(q.clarify?.options.map((o) => o.text)).toContain('Crime trend in Chesterfield');
    // Named without a comparison, it is still left out with a note.
    expect(understand('burglary in Chesterfield and Bolsover', vocab).note).toContain('Bolsover is outside Chesterfield');
  });

  it('"Derbyshire Constabulary actions" are the actions the police lead', () => {
    expect(understand('Derbyshire Constabulary actions', vocab)).toMatchObject({ intent: 'actions.list', actions: { leadAgency: 'constabulary' } });
  });

  it('a lead officer of the plan named by name: their actions, never "none" for want of an agency of that name', () => {
    const people = compileVocabulary({ pack: chesterfieldPack, actionTitles: planTitles, referenceDate, leadNames: ['Jo Whitfield', 'Insp Dan Hughes'] });
    for (const text of ["Jo Whitfield's actions", 'what is Jo Whitfield working on', 'actions led by Jo Whitfield']) {
      expect(understand(text, people)).toMatchObject({ intent: 'actions.list', actions: { lead: 'Jo Whitfield' } });
    }
    expect(understand('what does Dan Hughes lead', people)).toMatchObject({ intent: 'actions.list', actions: { lead: 'Insp Dan Hughes' } });
    expect(understand('is Dan Hughes leading anything overdue', people)).toMatchObject({ intent: 'actions.list', actions: { lead: 'Insp Dan Hughes', overdue: true } });
  });

  it('"actions that have slipped twice" are the ones flagged for the committee, not every overdue action', () => {
    expect(understand('actions that have slipped twice', vocab)).toMatchObject({ intent: 'actions.list', actions: { flagged: true } });
    expect(understand('actions that have slipped twice', vocab).actions?.overdue).toBeUndefined();
    expect(understand('which actions have slipped', vocab).actions).toMatchObject({ overdue: true });
  });

  it('"who is the lead for the PSPO" asks for that action', () => {
    expect(understand('who is the lead for the PSPO?', vocab)).toMatchObject({ intent: 'action.detail' });
  });

  it('the first, second and third lockdowns are read as their months, and said', () => {
    const first = understand('ASB in Rother during the first lockdown', vocab);
    expect(first).toMatchObject({ area: rother, period: { kind: 'range', from: '2020-03', to: '2020-06' } });
    expect(first.note).toContain('Taking "the first lockdown" as March to June 2020');
    expect(understand('burglary in the second lockdown', vocab).period).toEqual({ kind: 'range', from: '2020-11', to: '2020-11' });
    expect(understand('crime in the third lockdown', vocab).period).toEqual({ kind: 'range', from: '2021-01', to: '2021-03' });
  });

  it('"draft the next progress report" asks for the report, not the follow-ups', () => {
    for (const text of ['draft the next progress report', 'can you write the committee report?', 'prepare our performance report']) expect(understand(text, vocab).intent).toBe('report.draft');
    expect(understand('when is the next report due', vocab).intent).toBe('followups.list');
  });

  it('a ranking names as many wards as asked for, and a period is not a count', () => {
    expect(understand('top 5 wards for ASB', vocab)).toMatchObject({ intent: 'crime.rank', rankCount: 5 });
    expect(understand('bottom five wards for crime', vocab)).toMatchObject({ intent: 'crime.rank', order: 'asc', rankCount: 5 });
    expect(understand('the ten worst wards for burglary', vocab)).toMatchObject({ intent: 'crime.rank', rankCount: 10 });
    expect(understand('top wards for ASB in the last 6 months', vocab).rankCount).toBeUndefined();
  });

  it('"this time last year" is the latest month a year before, or compared with it; never the borough', () => {
    const alone = understand('ASB in Rother this time last year', vocab);
    expect(alone).toMatchObject({ intent: 'crime.trend', area: rother, period: { kind: 'range', from: '2020-02', to: '2020-02' } });
    expect(alone.note).toContain('Taking "this time last year" as February 2020');
    const compared = understand('ASB in Rother compared to this time last year', vocab);
    expect(compared).toMatchObject({ intent: 'crime.trend', area: rother, comparison: 'year-on-year', period: { kind: 'range', from: '2021-02', to: '2021-02' } });
    expect(compared.note).toContain('comparing the two');
    // A period named elsewhere is kept.
    expect(understand('crime in Hasland in the last 3 months compared with the same time last year', vocab)).toMatchObject({ period: { kind: 'last-months', months: 3 }, comparison: 'year-on-year' });
  });

  it('actions with no update are the plan\'s grey ones', () => {
    for (const text of ['actions with no update', "which actions haven't been updated", 'show actions not updated this cycle']) {
      expect(understand(text, vocab)).toMatchObject({ intent: 'actions.list', actions: { rag: 'grey' } });
    }
  });

  it('"Feb 2020 vs Feb 2019" compares the months, not the ward with the borough', () => {
    const q = understand('anti social behaviour in Rother Feb 2020 vs Feb 2019', vocab);
    expect(q).toMatchObject({ area: rother, comparison: 'year-on-year', period: { kind: 'range', from: '2020-02', to: '2020-02' } });
    expect(q.intent).not.toBe('crime.compare_areas');
  });

  it('"the 12 months before" is the period compared with, not a reason to bring the borough in', () => {
    const q = understand('ASB in Rother in the last 12 months vs the 12 months before', vocab);
    expect(q).toMatchObject({ intent: 'crime.trend', area: rother, comparison: 'previous' });
  });

  it('"Brimington North and South" is both wards, never North alone', () => {
    expect(understand('criminal damage in Brimington North and South', vocab)).toMatchObject({ intent: 'crime.compare_areas', areas: [brimN, brimS] });
    // Words that only look alike are left as they are.
    expect(understand('burglary in Rother and South', vocab).areas).toBeUndefined();
  });

  it('a crime type left out of a total still asks, naming the type left out', () => {
    const q = understand('all crime except ASB in Rother', vocab);
    expect(q.intent).toBe('clarify');
    expect(q.clarify?.question).toContain("can't take ASB out of a total");
    const violence = understand('violent crime in Rother excluding domestic abuse', vocab);
    expect(violence.clarify?.question).toContain("can't take domestic abuse out of the figures for violence and sexual offences");
  });

  it('asks which Brimington when the name fits both wards, offering the question back with each', () => {
    const q = understand('ASB in Brimington last year', vocab);
    expect(q.intent).toBe('clarify');
    expect(q.clarify?.options).toEqual([
      { label: 'Brimington North', text: 'ASB in Brimington North last year' },
      { label: 'Brimington South', text: 'ASB in Brimington South last year' },
    ]);
    expect(q.clarify?.question).toContain('Brimington North');
  });

  it('asks which Brampton ward, and each choice is then understood without asking again', () => {
    const q = understand('violence in Brampton', vocab);
    expect(q.intent).toBe('clarify');
    const labels = q.clarify?.options.map((o) => o.label);
    expect(labels).toEqual(['Brampton East & Boythorpe', 'Brampton West & Loundsley Green']);
    for (const option of q.clarify?.options ?? []) {
      const again = understand(option.text, vocab);
      expect(again.intent).toBe('crime.trend');
      expect(again.area?.name).toBe(option.label);
      expect(again.category).toEqual(VIOLENCE);
    }
  });

  it('a misspelling that fits two names equally is asked about, not guessed', () => {
    // "Brimingtn" is one edit from both parts of "Brimington North"/"South".
    const q = understand('burglary in Brimingtn', vocab);
    expect(q.intent).toBe('clarify');
    expect(q.clarify?.options.map((o) => o.label).sort()).toEqual(['Brimington North', 'Brimington South']);
  });

  it('an unknown place gets the nearest names and the whole district as choices', () => {
    const q = understand('ASB in Hollywood ward', vocab);
    expect(q.intent).toBe('clarify');
    expect(q.clarify?.question).toContain('"Hollywood"');
    const options = q.clarify?.options ?? [];
    expect(options.length).toBe(4);
    expect(options[options.length - 1]).toEqual({ label: 'All of Chesterfield', text: 'ASB in Chesterfield' });
    for (const option of options) expect(understand(option.text, vocab).intent).toBe('crime.trend');
  });

  it('"my ward" is asked about with every ward of the set in force as a choice', () => {
    const q = understand('How has ASB in my ward changed?', vocab);
    expect(q.intent).toBe('clarify');
    expect(q.clarify?.options).toHaveLength(16);
    expect(q.clarify?.options[0]).toEqual({ label: 'Brampton East & Boythorpe', text: 'How has ASB in Brampton East & Boythorpe ward changed?' });
  });

  it('a reminder without a date asks when, with choices that then parse to a date', () => {
    const q = understand('remind me about the hate crime figures', vocab);
    expect(q.intent).toBe('clarify');
    const tomorrow = q.clarify?.options.find((o) => o.label === 'Tomorrow');
    expect(tomorrow).toBeDefined();
    expect(understand(tomorrow?.text ?? '', vocab)).toMatchObject({
      intent: 'followups.remind',
      reminder: { about: 'the hate crime figures', on: '2021-03-11', audience: 'me' },
    });
  });

  it('two plan titles that fit equally are asked about', () => {
    const q = understand('status of the hate crime work', vocab);
    expect(q.intent).toBe('clarify');
    expect(q.clarify?.options.map((o) => o.label).sort()).toEqual(['Adopt the county Hate Crime Strategy', 'Hold Hate Crime Awareness Week']);
    for (const option of q.clarify?.options ?? []) expect(understand(option.text, vocab)).toMatchObject({ intent: 'action.detail', actionTitle: option.label });
  });

  it('a place or crime word alone does not name an action ("tell me about Rother" is about crime in Rother)', () => {
    expect(understand('tell me about Rother', vocab)).toMatchObject({ intent: 'crime.trend', area: rother });
    expect(understand('tell me about Rother Active Youth', vocab)).toMatchObject({ intent: 'action.detail', actionTitle: 'Rother Active Youth sessions' });
  });
});

describe('understand: notes, ward sets and options', () => {
  it('says how a misspelt place was read', () => {
    expect(understand('ASB in Rothr', vocab).note).toBe('Taking "Rothr" to mean Rother.');
  });

  it('explains that a place outside the district is not covered', () => {
    const q = understand('burglary in Sheffield', vocab);
    expect(q.intent).toBe('unknown');
    expect(q.note).toContain('Sheffield is outside Chesterfield');
  });

  it('leaves out a place outside the district when a ward is named too, and says so', () => {
    const q = understand('ASB in Rother and Sheffield', vocab);
    expect(q).toMatchObject({ intent: 'crime.trend', area: rother });
    expect(q.note).toContain('Sheffield');
  });

  it('"amber or red" sets both colours and no single colour', () => {
    const q = understand('amber or red actions', vocab);
    expect(q.actions?.rag).toBeUndefined();
    expect(q.actions?.rags).toEqual(['amber', 'red']);
  });

  it('matches names in the ward set in force at asOfMonth: Rother is the 2015–2023 ward for January 2021 data', () => {
    const old = compileVocabulary({ pack: chesterfieldPack, asOfMonth: '2021-01' });
    expect(understand('ASB in Rother', old).area).toEqual(ward('E05003337', 'Rother'));
    expect(understand('ASB in Loundsley Green', old).area).toEqual(ward('E05003332', 'Loundsley Green'));
    expect(understand('ASB in Middlecroft', old).area).toEqual(middlecroft);
    // A 2023-only name still resolves, to its 2023 code.
    expect(understand('ASB in Spire', old).area).toEqual(spire);
  });

  it('a reference date passed per question overrides the vocabulary one', () => {
    const q = understand('what changed since 1 March', vocab, { referenceDate: new Date(Date.UTC(2021, 1, 10)) });
    expect(q.actions?.changedSince).toBe('2020-03-01');
  });

  it('accepts an uncompiled vocabulary too', () => {
    expect(understand('ASB in Rother', { pack: chesterfieldPack }).area).toEqual(rother);
  });

  it('keeps the pasted minutes whole, line breaks included, however long', () => {
    const body = Array.from({ length: 400 }, (_, i) => `Minute ${i}: noted.`).join('\n');
    const q = understand(`<at>CSP bot</at> import minutes\r\n${body}`, vocab);
    expect(q.intent).toBe('minutes.import');
    expect(q.minutesText).toBe(body);
  });

  it('strips a Teams mention and HTML before reading the question', () => {
    const q = understand('<at>Community Safety</at> <p>ASB   in <b>Rother</b></p>', vocab);
    expect(q).toMatchObject({ intent: 'crime.trend', text: 'ASB in Rother', area: rother, category: ASB });
  });
});
