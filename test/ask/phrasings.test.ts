import { chesterfieldPack } from '../../src/domain/areas/chesterfield';
import type { PeriodSpec, Query, QueryIntent } from '../../src/core/query';
import { compileVocabulary, understand } from '../../src/ask/understand';

/**
 * Questions as councillors type them (lower case, no punctuation, typos, "whats", "asb"), each
 * checked for what a wrong reading would get wrong: the intent, the place, the crime type, the
 * period, the direction of a ranking, and the honest sentence where the bot must say what it
 * does not hold. Written for this project; the wording is ours.
 *
 * Today is 28 November 2026 and the latest month with data is September 2026.
 */
const vocab = compileVocabulary({
  pack: chesterfieldPack,
  actionTitles: [
    'Provide guard cams to vulnerable residents',
    'Secure CCTV funding for Staveley town centre',
    'Enforce the Town Centre Public Space Protection Order (PSPO)',
    'Rother Active Youth sessions',
  ],
  referenceDate: new Date('2026-11-28T10:00:00Z'),
  latestMonth: '2026-09',
  asOfMonth: '2026-09',
});

interface Expect {
  intent?: QueryIntent;
  /** Area name, or a list for comparisons; 'district' for the whole borough. */
  area?: string | string[];
  /** Category slug; null: all crime (none named). */
  cat?: string | null;
  period?: PeriodSpec | null;
  order?: 'asc' | 'desc';
  /** A ranking of wards by how they changed. */
  rankBy?: 'rise' | 'fall' | 'change';
  rate?: boolean;
  /** Text the clarification (refusal or question) must say. */
  says?: RegExp;
  /** Text the note must say (a word named back, a period said back). */
  note?: RegExp;
  /** A button the clarification must offer. */
  button?: RegExp;
  actionTitle?: string;
  theme?: string;
  followups?: string;
}

const D = 'Chesterfield';
const last = (months: number): PeriodSpec => ({ kind: 'last-months', months });
const range = (from: string, to: string = from): PeriodSpec => ({ kind: 'range', from, to });
const since = (from: string): PeriodSpec => ({ kind: 'since', from });
const year = (y: number): PeriodSpec => ({ kind: 'year', year: y });

const REFUSE_FLY = /Fly-tipping is recorded by the council/;
const REFUSE_COUNCIL = /council service data/;
const REFUSE_HOMICIDE = /Homicides are not published separately/;
const REFUSE_DRIVING = /Driving offences .* not in police\.uk street-level crime/;
const REFUSE_OUTCOME = /outcome data .* is not loaded/;
const REFUSE_FORECAST = /I do not forecast/;
const REFUSE_DAYS = /figures are monthly .* latest month I hold is September 2026/;
const REFUSE_PEOPLE = /does not publish who the victims or offenders are/;
const REFUSE_SEXUAL = /Sexual offences are not published on their own/;
const REFUSE_FRAUD = /Action Fraud/;
const UNPUBLISHED = /not published yet: police\.uk publishes .* about two months after .* latest month I hold is September 2026/;
const KNIFE = /Knife crime is not a police\.uk category/;
const RATE_NOTE = /rate per 1,000 residents/;

const CASES: [string, Expect][] = [
  // --- Unheld topics: named, with the nearest held question as a button ---
  ['fly tipping in Rother', { intent: 'clarify', says: REFUSE_FLY, button: /ASB in Rother/ }],
  ['flytipping rother', { intent: 'clarify', says: REFUSE_FLY, button: /Rother/ }],
  ['how much fly-tipping is there in hasland', { intent: 'clarify', says: REFUSE_FLY, button: /Hasland/ }],
  ['fly tips on the increase in dunston?', { intent: 'clarify', says: REFUSE_FLY, button: /Dunston/ }],
  ['Is fly tipping getting worse', { intent: 'clarify', says: REFUSE_FLY, button: /Chesterfield/ }],
  ['any fly-tipping figures for staveley', { intent: 'clarify', says: REFUSE_FLY, button: /Staveley/ }],
  ['illegal dumping in walton', { intent: 'clarify', says: REFUSE_FLY }],
  ['bin collections in Brimington North', { intent: 'clarify', says: REFUSE_COUNCIL, button: /Brimington North/ }],
  ['when are the bins collected in linacre', { intent: 'clarify', says: REFUSE_COUNCIL }],
  ['dog fouling complaints in spire', { intent: 'clarify', says: REFUSE_COUNCIL }],
  ['litter in the town centre', { intent: 'clarify', says: REFUSE_COUNCIL, button: /Town centre/ }],
  ['potholes in walton', { intent: 'clarify', says: REFUSE_COUNCIL }],
  ['how many murders in chesterfield', { intent: 'clarify', says: REFUSE_HOMICIDE, button: /Violence and sexual offences in Chesterfield/ }],
  ['murders last year', { intent: 'clarify', says: REFUSE_HOMICIDE }],
  ['homicides in rother', { intent: 'clarify', says: REFUSE_HOMICIDE, button: /Rother/ }],
  ['any killings in staveley since 2020', { intent: 'clarify', says: REFUSE_HOMICIDE }],
  ['manslaughter figures', { intent: 'clarify', says: REFUSE_HOMICIDE }],
  ['dangerous driving in walton', { intent: 'clarify', says: REFUSE_DRIVING, button: /ASB in Walton/ }],
  ['speeding in hasland', { intent: 'clarify', says: REFUSE_DRIVING }],
  ['speeding cars on my road', { intent: 'clarify', says: REFUSE_DRIVING }],
  ['drink driving arrests', { intent: 'clarify', says: REFUSE_DRIVING }],
  ['road traffic collisions in dunston', { intent: 'clarify', says: REFUSE_DRIVING }],
  ['car accidents in the town centre', { intent: 'clarify', says: REFUSE_DRIVING }],
  ['boy racers in linacre', { intent: 'clarify', says: REFUSE_DRIVING }],
  ['parking problems in spire', { intent: 'clarify', says: REFUSE_DRIVING }],
  ['rapes in chesterfield', { intent: 'clarify', says: REFUSE_SEXUAL, button: /Violence and sexual offences/ }],
  ['sexual assaults in walton last year', { intent: 'clarify', says: REFUSE_SEXUAL }],
  ['sexual offences in hollingwood and inkersall', { intent: 'clarify', says: REFUSE_SEXUAL, button: /Violence and sexual offences in Hollingwood and Inkersall/ }],
  ['sexual offences in rother', { intent: 'clarify', says: REFUSE_SEXUAL }],
  ['fraud in rother', { intent: 'clarify', says: REFUSE_FRAUD }],
  ['how many scams in brimington', { intent: 'clarify', says: REFUSE_FRAUD }],
  ['cyber crime in chesterfield', { intent: 'clarify', says: REFUSE_FRAUD }],
  ['999 calls from hasland', { intent: 'clarify', says: /Calls to the police/ }],
  ['police response times in staveley', { intent: 'clarify', says: /response times/ }],
  // --- Qualifiers that cannot be honoured ---
  ['how many burglaries in Rother were charged', { intent: 'clarify', says: REFUSE_OUTCOME, button: /^Burglary in Rother$/ }],
  ['how many people were arrested for drugs in staveley', { intent: 'clarify', says: REFUSE_OUTCOME, button: /Drugs in Staveley/ }],
  ['how many shoplifters were convicted', { intent: 'clarify', says: REFUSE_OUTCOME }],
  ['how many crimes were solved in rother', { intent: 'clarify', says: REFUSE_OUTCOME }],
  ['detection rate for burglary', { intent: 'clarify', says: REFUSE_OUTCOME }],
  ['outcomes for violence in dunston', { intent: 'clarify', says: REFUSE_OUTCOME }],
  ['were any of the robberies prosecuted', { intent: 'clarify', says: REFUSE_OUTCOME }],
  ['how many asb offenders were caught', { intent: 'clarify', says: REFUSE_OUTCOME }],
  ['will ASB rise next month', { intent: 'clarify', says: REFUSE_FORECAST, button: /ASB trend in Chesterfield/ }],
  ['will burglary go up in hasland', { intent: 'clarify', says: REFUSE_FORECAST, button: /Burglary trend in Hasland/ }],
  ['predict crime for next year', { intent: 'clarify', says: REFUSE_FORECAST }],
  ['forecast for asb in rother', { intent: 'clarify', says: REFUSE_FORECAST }],
  ['is violence going to get worse in the town centre', { intent: 'clarify', says: REFUSE_FORECAST }],
  ['what will crime be like next summer', { intent: 'clarify', says: REFUSE_FORECAST }],
  ['crime yesterday in Dunston', { intent: 'clarify', says: REFUSE_DAYS, button: /Crime in Dunston in September 2026/ }],
  ['ASB in Rother last week', { intent: 'clarify', says: REFUSE_DAYS, button: /ASB in Rother in September 2026/ }],
  ['burglaries this week', { intent: 'clarify', says: REFUSE_DAYS }],
  ['any asb last night in the town centre', { intent: 'clarify', says: REFUSE_DAYS }],
  ['what happened over the weekend in walton', { intent: 'clarify', says: REFUSE_DAYS }],
  ['crime today', { intent: 'clarify', says: REFUSE_DAYS }],
  ['how many crimes a day in chesterfield', { intent: 'clarify', says: REFUSE_DAYS }],
  ['asb in the past few weeks', { intent: 'clarify', says: REFUSE_DAYS }],
  ['daily burglary figures', { intent: 'clarify', says: REFUSE_DAYS }],
  ['is it safe at night in the town centre', { intent: 'clarify', says: REFUSE_DAYS }],
  ['what time of day does asb happen', { intent: 'clarify', says: REFUSE_DAYS }],
  ['asb by young people in rother', { intent: 'clarify', says: REFUSE_PEOPLE, button: /ASB in Rother/ }],
  ['crime against the elderly in hasland', { intent: 'clarify', says: REFUSE_PEOPLE }],
  ['how many victims of burglary in walton', { intent: 'clarify', says: REFUSE_PEOPLE }],
  ['crimes involving children', { intent: 'clarify', says: REFUSE_PEOPLE }],
  ['repeat offenders in staveley', { intent: 'clarify', says: REFUSE_PEOPLE }],
  // --- Months not yet published, bare months ---
  ['ASB in October', { intent: 'clarify', says: UNPUBLISHED, button: /ASB in September 2026/ }],
  ['burglary in november', { intent: 'clarify', says: UNPUBLISHED }],
  ['crime in rother in oct', { intent: 'clarify', says: UNPUBLISHED, button: /crime in rother in September 2026/i }],
  ['shoplifting october 2026', { intent: 'clarify', says: UNPUBLISHED }],
  ['ASB in august', { intent: 'crime.total', cat: 'anti-social-behaviour', period: range('2026-08'), note: /August 2026/ }],
  ['burglary in hasland in june', { intent: 'crime.total', area: 'Hasland', cat: 'burglary', period: range('2026-06') }],
  ['violence for december', { cat: 'violent-crime', period: range('2025-12') }],
  ['asb last march', { cat: 'anti-social-behaviour', period: range('2026-03') }],
  ['crime in may in walton', { area: 'Walton', period: range('2026-05') }],
  ['ASB last month', { cat: 'anti-social-behaviour', period: last(1), note: /October 2026 is not published yet .* September 2026/ }],
  ['crime this month in rother', { area: 'Rother', period: last(1), note: /November 2026 is not published yet/ }],
  // --- Periods ---
  ['ASB since lockdown', { intent: 'crime.trend', cat: 'anti-social-behaviour', period: since('2020-03'), note: /March 2020/ }],
  ['crime since covid in rother', { area: 'Rother', period: since('2020-03') }],
  ['asb since the pandemic', { period: since('2020-03') }],
  ['asb during lockdown', { period: range('2020-03', '2021-03'), note: /March 2020 to March 2021/ }],
  ['burglary before covid', { cat: 'burglary', period: range('2019-03', '2020-02') }],
  ['ASB during the winter', { cat: 'anti-social-behaviour', period: range('2025-12', '2026-02'), note: /latest complete winter/ }],
  ['asb over the summer', { period: range('2026-06', '2026-08'), note: /latest complete summer/ }],
  ['asb in the summer holidays in rother', { area: 'Rother', period: range('2026-07', '2026-08') }],
  ['burglary last winter', { cat: 'burglary', period: range('2025-12', '2026-02') }],
  ['crime in the spring', { period: range('2026-03', '2026-05') }],
  ['shoplifting in the autumn', { cat: 'shoplifting', period: range('2025-09', '2025-11') }],
  ['asb summer 2021', { period: range('2021-06', '2021-08') }],
  ['ASB over christmas', { period: range('2025-12'), note: /monthly/ }],
  ['criminal damage at halloween', { cat: 'criminal-damage-arson', period: range('2025-10') }],
  ['asb around bonfire night', { period: range('2025-11') }],
  ['burglary in the second quarter of 2020', { intent: 'crime.total', cat: 'burglary', period: range('2020-04', '2020-06'), note: /calendar quarter/ }],
  ['burglary Q2 2020', { period: range('2020-04', '2020-06') }],
  ['violence in q4 2021', { cat: 'violent-crime', period: range('2021-10', '2021-12') }],
  ['asb first quarter of 2022', { period: range('2022-01', '2022-03') }],
  ['crime in Q1', { period: range('2026-01', '2026-03'), note: /latest complete/ }],
  ['asb q1 2021/22', { period: range('2021-04', '2021-06'), note: /financial year/ }],
  ['vehicle crime so far this year', { cat: 'vehicle-crime', period: { kind: 'this-year' } }],
  ['asb year to date', { period: { kind: 'this-year' } }],
  ['asb financial year 2020/21', { cat: 'anti-social-behaviour', period: range('2020-04', '2021-03') }],
  ['burglary in fy 2021-22', { period: range('2021-04', '2022-03') }],
  ['crime 2019/20', { period: range('2019-04', '2020-03') }],
  ['asb this financial year', { period: range('2026-04', '2026-09') }],
  ['burglary last financial year', { period: range('2025-04', '2026-03') }],
  ['ASB in Rother since the last meeting', { intent: 'clarify', says: /do not know the date of the last meeting/ }],
  ['violence last 6 months', { cat: 'violent-crime', period: last(6) }],
  ['asb past 3 months in walton', { area: 'Walton', period: last(3) }],
  ['burglary over the last two years', { period: last(24) }],
  ['crime in the past year', { period: last(12) }],
  ['shoplifting last year', { period: { kind: 'last-year' } }],
  ['crime in 2020', { intent: 'crime.total', period: year(2020) }],
  ['asb from march 2020 to feb 2021', { period: range('2020-03', '2021-02') }],
  ['burglary since jan 2022', { period: since('2022-01') }],
  ['violence 2019 vs 2020', { period: year(2020) }],
  // --- Superlatives, both ways; rate for judgements of safety ---
  ['which ward has the fewest burglaries', { intent: 'crime.rank', cat: 'burglary', order: 'asc' }],
  ['bottom three wards for ASB', { intent: 'crime.rank', cat: 'anti-social-behaviour', order: 'asc' }],
  ['quietest ward', { intent: 'crime.rank', order: 'asc', rate: true, note: RATE_NOTE }],
  ['safest ward in chesterfield', { intent: 'crime.rank', order: 'asc', rate: true, note: RATE_NOTE }],
  ['which is the safest ward', { intent: 'crime.rank', order: 'asc', rate: true }],
  ['best ward for burglary', { intent: 'crime.rank', cat: 'burglary', order: 'asc', rate: true }],
  ['lowest asb ward', { intent: 'crime.rank', cat: 'anti-social-behaviour', order: 'asc' }],
  ['least violence', { intent: 'crime.rank', cat: 'violent-crime', order: 'asc' }],
  ['top 5 wards for violence', { intent: 'crime.rank', cat: 'violent-crime', order: 'desc' }],
  ['top wards for shoplifting', { intent: 'crime.rank', cat: 'shoplifting', order: 'desc' }],
  ['worst ward for asb', { intent: 'crime.rank', cat: 'anti-social-behaviour', order: 'desc', rate: true, note: RATE_NOTE }],
  ['where is asb worst', { intent: 'crime.rank', order: 'desc', rate: true }],
  ['which wards have the most burglary', { intent: 'crime.rank', cat: 'burglary', order: 'desc' }],
  ['highest crime ward', { intent: 'crime.rank', order: 'desc' }],
  ['which area has the biggest drugs problem', { intent: 'crime.rank', cat: 'drugs', order: 'desc' }],
  ['most dangerous ward', { intent: 'crime.rank', order: 'desc', rate: true }],
  ['least safe ward', { intent: 'crime.rank', order: 'desc', rate: true }],
  ['asb hotspots', { intent: 'crime.rank', cat: 'anti-social-behaviour', order: 'desc' }],
  ['which wards have the highest burglary rate', { intent: 'crime.rank', cat: 'burglary', rate: true, order: 'desc' }],
  ['burglary per 1000 residents by ward', { intent: 'crime.rank', rate: true }],
  ['where does Rother rank for ASB?', { intent: 'crime.rank', area: 'Rother', cat: 'anti-social-behaviour' }],
  ['how does hasland rank for burglary', { intent: 'crime.rank', area: 'Hasland', cat: 'burglary' }],
  ['rank the wards for vehicle crime', { intent: 'crime.rank', cat: 'vehicle-crime' }],
  ['league table of wards for asb', { intent: 'crime.rank' }],
  ['is loundsley green safe', { area: 'Brampton West & Loundsley Green', rate: true, note: RATE_NOTE }],
  ['how safe is dunston', { area: 'Dunston', rate: true }],
  ['which wards had no burglaries', { intent: 'crime.rank', cat: 'burglary', order: 'asc' }],
  ['which wards have more than 100 asb incidents', { intent: 'crime.rank', note: /rather than pick those over or under 100/ }],
  // Wards by how they changed: each ward's own figures against its earlier period.
  ['which wards have seen the biggest increase in burglary', { intent: 'crime.rank', cat: 'burglary', rankBy: 'rise' }],
  ['where has asb doubled', { intent: 'crime.rank', rankBy: 'rise' }],
  ['which ward has improved the most', { intent: 'crime.rank', rankBy: 'fall' }],
  ['where is crime falling fastest', { intent: 'crime.rank', rankBy: 'fall' }],
  ['which wards have seen ASB fall', { intent: 'crime.rank', cat: 'anti-social-behaviour', rankBy: 'fall' }],
  ['has crime gone down in every ward', { intent: 'crime.rank', rankBy: 'fall' }],
  ['did asb rise in all wards last year', { intent: 'crime.rank', rankBy: 'rise', period: { kind: 'last-year' } }],
  ['rank wards by change in ASB', { intent: 'crime.rank', rankBy: 'change' }],
  ['list the wards by increase in burglary', { intent: 'crime.rank', rankBy: 'rise' }],
  ['order the wards by how much they changed for asb', { intent: 'crime.rank', rankBy: 'change' }],
  ['which ward in Staveley had the biggest rise in ASB', { intent: 'clarify', says: /not those of Staveley alone/, button: /biggest change in ASB/ }],
  ['rank the wards by violence', { intent: 'crime.rank', cat: 'violent-crime' }],
  ['what is the least common crime in Dunston', { intent: 'crime.breakdown', area: 'Dunston' }],
  // "which month": the months of one area (the trend names the highest), not a ranking of wards.
  ['which month was worst for burglary in 2020', { intent: 'crime.trend', cat: 'burglary', period: { kind: 'year', year: 2020 } }],
  ['what was the busiest month for asb in rother', { intent: 'crime.trend', area: 'Rother', cat: 'anti-social-behaviour' }],
  // Both years as one total, when the words ask for one; "2019 and 2020" alone compares them.
  ['how many burglaries were there in total in 2019 and 2020', { intent: 'crime.total', cat: 'burglary', period: { kind: 'range', from: '2019-01', to: '2020-12' } }],
  ['asb in 2019 and 2020 combined', { intent: 'crime.total', period: { kind: 'range', from: '2019-01', to: '2020-12' } }],
  ['burglary in 2019 and 2020', { period: { kind: 'year', year: 2020 } }],
  // --- Breakdowns ---
  ["what's the biggest problem in Rother", { intent: 'crime.breakdown', area: 'Rother' }],
  ['main problem in hasland', { intent: 'crime.breakdown', area: 'Hasland' }],
  ['what are the main issues in walton', { intent: 'crime.breakdown', area: 'Walton' }],
  ['most common crime in the town centre', { intent: 'crime.breakdown', area: 'Town centre' }],
  ['breakdown of crime in spire', { intent: 'crime.breakdown', area: 'Spire' }],
  ['give me a breakdown for spire ward', { intent: 'crime.breakdown', area: 'Spire' }],
  ['what types of crime happen most in whittington moor', { intent: 'crime.breakdown', area: 'Whittington Moor' }],
  ['crime by type in staveley', { intent: 'crime.breakdown', area: 'Staveley' }],
  ['split of crime types chesterfield', { intent: 'crime.breakdown', area: D }],
  // --- Everyday names of crime types ---
  ['car crime in Moor', { cat: 'vehicle-crime', area: 'Whittington Moor' }],
  ['thefts from cars in Dunston', { cat: 'vehicle-crime', area: 'Dunston' }],
  ['theft from cars in dunston', { cat: 'vehicle-crime', area: 'Dunston' }],
  ['vehicle break-ins in Walton', { cat: 'vehicle-crime', area: 'Walton' }],
  ['cars broken into in hasland', { cat: 'vehicle-crime', area: 'Hasland' }],
  ['stolen cars rother', { cat: 'vehicle-crime', area: 'Rother' }],
  ['catalytic converters stolen in brimington south', { cat: 'vehicle-crime', area: 'Brimington South' }],
  ['car thefts linacre', { cat: 'vehicle-crime', area: 'Linacre' }],
  ['houses burgled in Hasland', { cat: 'burglary', area: 'Hasland' }],
  ['break-ins in rother', { cat: 'burglary', area: 'Rother' }],
  ['break ins in walton', { cat: 'burglary', area: 'Walton' }],
  ['homes broken into in spire', { cat: 'burglary', area: 'Spire' }],
  ['burglarys in hasland this year', { cat: 'burglary', area: 'Hasland', period: { kind: 'this-year' } }],
  ['burglery in dunston', { cat: 'burglary', area: 'Dunston' }],
  ['drug dealing in Staveley', { cat: 'drugs', area: 'Staveley' }],
  ['drug dealers in the town centre', { cat: 'drugs', area: 'Town centre' }],
  ['county lines in rother', { cat: 'drugs', area: 'Rother', note: /county lines/ }],
  ['cannabis in walton', { cat: 'drugs', note: /does not split drug offences/ }],
  ['knife crime in the town centre', { cat: 'possession-of-weapons', area: 'Town centre', note: KNIFE }],
  ['knives in rother', { cat: 'possession-of-weapons', note: KNIFE }],
  ['stabbings in chesterfield', { cat: 'possession-of-weapons', note: KNIFE }],
  ['gun crime in staveley', { cat: 'possession-of-weapons', note: /Gun crime is not a police\.uk category/ }],
  ['weapons offences in dunston', { cat: 'possession-of-weapons', area: 'Dunston' }],
  ['assaults in the town centre', { cat: 'violent-crime', area: 'Town centre', note: /not assaults alone/ }],
  ['muggings in the town centre', { cat: 'robbery', area: 'Town centre' }],
  ['bike thefts in chesterfield', { cat: 'bicycle-theft', area: D }],
  ['shop theft in spire', { cat: 'shoplifting', area: 'Spire' }],
  ['vandalism in linacre', { cat: 'criminal-damage-arson', area: 'Linacre' }],
  ['graffiti in hasland', { cat: 'criminal-damage-arson', area: 'Hasland' }],
  ['arson in staveley', { cat: 'criminal-damage-arson', area: 'Staveley' }],
  ['antisocial behavior in st helens', { cat: 'anti-social-behaviour' }],
  ['anti social behaviour in walton', { cat: 'anti-social-behaviour', area: 'Walton' }],
  ['nuisance youths in rother', { cat: 'anti-social-behaviour', area: 'Rother' }],
  ['public disorder in the town centre', { cat: 'public-order', area: 'Town centre' }],
  ['assaults in dunston', { cat: 'violent-crime', area: 'Dunston' }],
  ['violence with injury in walton', { cat: 'violence-with-injury', area: 'Walton' }],
  ['violence and sexual offences in walton', { cat: 'violent-crime', area: 'Walton' }],
  ['domestic abuse in rother', { cat: 'domestic-abuse', area: 'Rother' }],
  ['hate crime in staveley', { cat: 'hate-crime', area: 'Staveley' }],
  ['stalking in brimington north', { cat: 'stalking-and-harassment', area: 'Brimington North' }],
  ['pickpocketing in the town centre', { cat: 'theft-from-the-person', area: 'Town centre' }],
  ['robberies in moor', { cat: 'robbery', area: 'Whittington Moor' }],
  ['anti socail behaviour in rother', { cat: 'anti-social-behaviour', area: 'Rother' }],
  ['vehical crime in hasland', { cat: 'vehicle-crime', area: 'Hasland' }],
  ['crimnal damage in linacre', { cat: 'criminal-damage-arson', area: 'Linacre' }],
  ['theft from the persn in spire', { cat: 'theft-from-the-person', area: 'Spire' }],
  ['burgulary in walton', { cat: 'burglary', area: 'Walton' }],
  ['violance in dunston', { cat: 'violent-crime', area: 'Dunston' }],
  ['wat is the asb in rother', { cat: 'anti-social-behaviour', area: 'Rother' }],
  ['asb in rother in 22', { period: year(2022), note: /Taking "22" as 2022/ }],
  ['asb in 10 wards', { cat: 'anti-social-behaviour', period: null }],
  // --- Places: codes, short and misspelt names, names without apostrophes or "and" ---
  ['E05015178 crime', { area: 'Rother', cat: null }],
  ['asb in E05015176', { area: 'Hasland', cat: 'anti-social-behaviour' }],
  ['crime in e07000034', { area: D }],
  ['asb in E05003337', { area: 'Rother', note: /2015–2023 boundaries/ }],
  ['crime in Brimington north', { area: 'Brimington North' }],
  ['asb brimington sth', { area: 'Brimington South' }],
  ['burglary in brim north', { area: 'Brimington North' }],
  ['crime in Brimington', { intent: 'clarify', says: /Brimington North or Brimington South/ }],
  ['ASB in St Leonards', { area: "St Leonard's" }],
  ['asb in st leonard', { area: "St Leonard's" }],
  ['asb in saint helens', { area: "St Helen's" }],
  ['asb in st. helen\'s ward', { area: "St Helen's", note: /2015–2023/ }],
  ['asb in brampton east and boythorpe', { area: 'Brampton East & Boythorpe' }],
  ['asb in brampton east boythorpe', { area: 'Brampton East & Boythorpe' }],
  ['asb in brampton east', { area: 'Brampton East & Boythorpe' }],
  ['crime in brampton west', { area: 'Brampton West & Loundsley Green' }],
  ['asb in Barrow Hill New Whittington', { area: 'Barrow Hill and New Whittington', note: /2015–2023 boundaries/ }],
  ['violence in Middlecroft and Poolsbrook', { area: 'Middlecroft and Poolsbrook', note: /2015–2023 boundaries/ }],
  ['violence in middlecroft poolsbrook', { area: 'Middlecroft and Poolsbrook' }],
  ['crime in hollingwood and inkersall', { area: 'Hollingwood and Inkersall' }],
  ['crime in lowgates and woodthorpe', { area: 'Lowgates and Woodthorpe' }],
  ['asb in Rothr', { area: 'Rother', note: /Rothr/ }],
  ['burglary in Haslnd', { area: 'Hasland', note: /Haslnd/ }],
  ['violence in dunstan', { area: 'Dunston' }],
  ['asb in whittington moore', { area: 'Whittington Moor' }],
  ['crime in stavely', { area: 'Staveley' }],
  ['asb in staveley north', { area: 'Staveley North' }],
  ['asb in staveley central', { area: 'Staveley Central' }],
  ['burglary in staveley sth', { area: 'Staveley South' }],
  ['crime in walton ward', { area: 'Walton' }],
  ['asb linacre', { area: 'Linacre' }],
  ['crime in spire', { area: 'Spire' }],
  ['crime in the town centre', { area: 'Town centre' }],
  ['crime in town centre', { area: 'Town centre' }],
  ['asb in the borough', { area: D }],
  ['crime across chesterfield', { area: D }],
  ['asb in my ward', { intent: 'clarify', says: /Which ward do you mean/ }],
  ['crime in our area', { intent: 'clarify', says: /Which ward do you mean/ }],
  ['my ward', { intent: 'clarify', says: /Which ward/ }],
  ['asb where i live', { intent: 'clarify', says: /Which ward/, button: /^asb in Rother ward$/ }],
  ['crime near me', { intent: 'clarify', says: /Which ward/ }],
  ['asb in the ward i represent', { intent: 'clarify', says: /Which ward/ }],
  ['burglary in my local area', { intent: 'clarify', says: /Which ward/ }],
  ['asb in Hollywood ward', { intent: 'clarify', says: /don't know a place called "Hollywood"/ }],
  ['violence in Sheffield', { intent: 'unknown' }],
  ['ASB in Queen\'s Park', { intent: 'clarify', says: /can't answer for a street or park/ }],
  ['speeding on Sheffield Road', { intent: 'clarify', says: REFUSE_DRIVING }],
  ['asb on Sheffield Road', { intent: 'clarify', says: /can't answer for a street or park such as Sheffield Road/ }],
  ['crime on the Grangewood estate', { intent: 'clarify', says: /street or park .* don't know which ward/ }],
  ['burglary on Ashgate Road in Walton', { intent: 'clarify', says: /figures for Walton/ }],
  ['asb at Holmebrook Valley Park', { intent: 'clarify', says: /street or park/ }],
  // --- Comparisons ---
  ['compare rother and hasland for asb', { intent: 'crime.compare_areas', area: ['Rother', 'Hasland'], cat: 'anti-social-behaviour' }],
  ['rother v hasland burglary', { intent: 'crime.compare_areas', area: ['Rother', 'Hasland'] }],
  ['rother vs walton', { intent: 'crime.compare_areas', area: ['Rother', 'Walton'] }],
  ['how does brockwell compare with the rest of the borough', { intent: 'crime.compare_areas', area: ['Brockwell', D] }],
  ['dunston compared to chesterfield for violence', { intent: 'crime.compare_areas', cat: 'violent-crime' }],
  // --- Trends and totals, as typed ---
  ['hows asb in rother', { intent: 'crime.trend', area: 'Rother', cat: 'anti-social-behaviour' }],
  ['asb rother', { intent: 'crime.trend', area: 'Rother', cat: 'anti-social-behaviour' }],
  ['whats the asb like in rother', { area: 'Rother', cat: 'anti-social-behaviour' }],
  ['ASB TREND IN ROTHER', { intent: 'crime.trend', area: 'Rother' }],
  ['is crime going up in staveley', { intent: 'crime.trend', area: 'Staveley', cat: null }],
  ['has violence gone down in dunston', { intent: 'crime.trend', area: 'Dunston', cat: 'violent-crime' }],
  ['any burglaries in brimington north recently', { area: 'Brimington North', cat: 'burglary' }],
  ['how many crimes were there in chesterfield in 2020', { intent: 'crime.total', period: year(2020) }],
  ['total asb in walton last year', { intent: 'crime.total', area: 'Walton', period: { kind: 'last-year' } }],
  ['number of burglaries in rother', { intent: 'crime.total', area: 'Rother', cat: 'burglary' }],
  ['crime rate in walton', { area: 'Walton', rate: true }],
  ['asb per head in staveley', { area: 'Staveley', rate: true }],
  ['has shop theft increased year on year', { cat: 'shoplifting' }],
  ['crime trends', { intent: 'crime.trend', area: D, cat: null }],
  ["what's the crime like", { intent: 'crime.trend', area: D }],
  ['whats going on in linacre', { intent: 'crime.trend', area: 'Linacre' }],
  ['Rother', { intent: 'crime.trend', area: 'Rother' }],
  ['asb', { intent: 'crime.trend', cat: 'anti-social-behaviour', area: D }],
  ['burglary?', { intent: 'crime.trend', cat: 'burglary' }],
  ['crime near schools in Rother', { intent: 'clarify', says: /"schools"/ }],
  ['begging in the town centre', { intent: 'clarify', says: /"begging"/ }],
  ['burglary near schools in walton', { cat: 'burglary', area: 'Walton', note: /could not take "schools" into account/ }],
  ['asb in rother involving e-scooters', { cat: 'anti-social-behaviour', note: /could not take .*scooters/ }],
  ['How bad is ASB in Rother compared to last year?', { intent: 'crime.trend', area: 'Rother', rate: false }],
  ['What proportion of crime in Chesterfield is violence?', { intent: 'crime.breakdown', note: /share of violence/ }],
  ['what percentage of crime is asb in rother', { intent: 'crime.breakdown', area: 'Rother' }],
  ['How many crimes per month in Linacre on average?', { area: 'Linacre', note: /not an average/ }],
  ['Is Loundsley Green better or worse than average?', { intent: 'crime.compare_areas', area: ['Brampton West & Loundsley Green', D], rate: true }],
  ['theft of bikes in spire', { cat: 'bicycle-theft', area: 'Spire' }],
  ['theft in hasland', { cat: 'other-theft', note: /counted separately/ }],
  ['burglary in Hollingwood', { area: 'Staveley South', note: /Taking "Hollingwood" as Staveley South ward/ }],
  ['burglary in brim north', { area: 'Brimington North', note: /brim north/ }],
  ['crime in whitt moor', { area: 'Whittington Moor' }],
  ['asb stav central', { area: 'Staveley Central' }],
  ['asb in Newbold', { intent: 'clarify', says: /don't know a place called "Newbold"/ }],
  // --- Two crime types, or one left out: asked about, never half answered ---
  ['burglary and robbery in rother', { intent: 'clarify', says: /one crime type at a time/, button: /^Robbery in Rother$/ }],
  ['asb and drugs in the town centre', { intent: 'clarify', says: /one crime type at a time/, button: /Breakdown of crime in Town centre/ }],
  ['compare asb and burglary in rother', { intent: 'clarify', says: /one crime type at a time/ }],
  ['all crime except asb in walton', { intent: 'clarify', says: /can't take ASB out of a total/, button: /Breakdown of crime in Walton/ }],
  ['crime in rother apart from asb', { intent: 'clarify', says: /out of a total/ }],
  ['violent crime excluding domestic abuse', { intent: 'clarify', says: /take domestic abuse out of the figures for violence/ }],
  ['violence without injury in hasland', { cat: 'violence-without-injury', area: 'Hasland' }],
  // --- More periods as typed ---
  ['asb between april and june', { period: range('2026-04', '2026-06'), note: /latest such months/ }],
  ['asb jan-mar', { period: range('2026-01', '2026-03') }],
  ['asb in the last 2 yrs', { period: last(24) }],
  ['asb last 6 mths', { period: last(6) }],
  ['asb trend rother 2 years', { area: 'Rother', period: last(24) }],
  ['crime for the year ending march 2022', { period: range('2021-04', '2022-03') }],
  ['asb 12 months to june 2021', { period: range('2020-07', '2021-06') }],
  ['burglary this time last year', { cat: 'burglary' }],
  ['shoplifting during the festive period', { cat: 'shoplifting', period: range('2025-12') }],
  ['how did asb change during covid', { period: range('2020-03', '2021-03') }],
  // --- The partnership's own words ---
  ['who is leading on asb', { intent: 'actions.list', theme: 'Anti-social behaviour' }],
  ["who's working on burglary in rother", { intent: 'actions.list', area: 'Rother' }],
  ['CSP-2021-07', { intent: 'action.detail', actionTitle: 'CSP-2021-07' }],
  ['whats the status of csp-2021-07', { intent: 'action.detail', actionTitle: 'CSP-2021-07' }],
  ['update on CSP-2022-11 please', { intent: 'action.detail', actionTitle: 'CSP-2022-11' }],
  ['ASB actions', { intent: 'actions.list', theme: 'Anti-social behaviour' }],
  ['asb actions in rother', { intent: 'actions.list', theme: 'Anti-social behaviour', area: 'Rother' }],
  ['hate crime actions', { intent: 'actions.list', theme: 'Hate crime' }],
  ['red actions', { intent: 'actions.list' }],
  ['which actions are overdue', { intent: 'actions.list' }],
  ['which actions have slipped', { intent: 'actions.list', note: /Taking "slipped" as past the target date/ }],
  ['what has changed since the last meeting', { intent: 'clarify', says: /do not know the date of the last meeting/ }],
  ['what did the committee ask for', { intent: 'followups.list' }],
  ['the September progress report', { intent: 'followups.list' }],
  ['when is the next report due', { intent: 'followups.list', followups: 'due' }],
  ['what did we agree at the last meeting', { intent: 'followups.list', followups: 'last-meeting' }],
  ['whats due', { intent: 'followups.list' }],
  ['status of the guard cams', { intent: 'action.detail' }],
  ['what are we doing about ASB in Rother', { area: 'Rother', cat: 'anti-social-behaviour' }],
];

function areaName(q: Query): string | string[] | undefined {
  if (q.areas && q.areas.length > 0) return q.areas.map((a) => a.name);
  return q.area?.name;
}

describe('questions as councillors type them', () => {
  test('there are at least 300 phrasings', () => {
    expect(CASES.length + GENERATED.length).toBeGreaterThanOrEqual(300);
  });

  test.each(CASES)('%s', (text, e) => check(text, e));
});

function check(text: string, e: Expect): void {
  const q = understand(text, vocab);
  const got = {
    intent: q.intent,
    area: areaName(q),
    cat: q.category?.slug ?? null,
    period: q.period ?? null,
    order: q.order,
    rankBy: q.rankBy,
    rate: q.perCapita ?? false,
  };
  const want: Partial<typeof got> = {};
  if (e.intent) want.intent = e.intent;
  if (e.area !== undefined) want.area = e.area;
  if (e.cat !== undefined) want.cat = e.cat;
  if (e.period !== undefined) want.period = e.period;
  if (e.order) want.order = e.order;
  if (e.rankBy) want.rankBy = e.rankBy;
  if (e.rate !== undefined) want.rate = e.rate;
  expect({ text, ...pick(got, Object.keys(want)) }).toEqual({ text, ...want });
  if (e.says) expect(q.clarify?.question ?? '').toMatch(e.says);
  if (e.button) expect(q.clarify?.options.map((o) => o.text) ?? []).toEqual(expect.arrayContaining([expect.stringMatching(e.button)]));
  if (e.note) expect(q.note ?? '').toMatch(e.note);
  if (e.actionTitle) expect(q.actionTitle).toBe(e.actionTitle);
  if (e.theme) expect(q.actions?.theme).toBe(e.theme);
  if (e.followups) expect(q.followups?.scope).toBe(e.followups);
  // A crime answer that is not a clarification never silently drops an unheld word.
  if (q.intent.startsWith('crime.')) expect(q.clarify).toBeUndefined();
}

function pick<T extends object>(o: T, keys: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k))) as Partial<T>;
}

// --- Generated: every current ward as people type it, with the everyday names of crime types ---
const WARD_FORMS: [string, string][] = [
  ['brampton east and boythorpe', 'Brampton East & Boythorpe'],
  ['Brampton West & Loundsley Green', 'Brampton West & Loundsley Green'],
  ['brimington n', 'Brimington North'],
  ['Brimington South', 'Brimington South'],
  ['brockwell', 'Brockwell'],
  ['DUNSTON', 'Dunston'],
  ['hasland', 'Hasland'],
  ['Linacre ward', 'Linacre'],
  ['rother', 'Rother'],
  ['spire', 'Spire'],
  ['staveley c', 'Staveley Central'],
  ['Staveley North', 'Staveley North'],
  ['staveley south', 'Staveley South'],
  ['walton', 'Walton'],
  ['Whittington', 'Whittington'],
  ['whittington moor', 'Whittington Moor'],
];
const CATEGORY_FORMS: [string, string][] = [
  ['asb', 'anti-social-behaviour'],
  ['burglaries', 'burglary'],
  ['car crime', 'vehicle-crime'],
  ['drug dealing', 'drugs'],
  ['shoplifting', 'shoplifting'],
];
const GENERATED: [string, Expect][] = WARD_FORMS.flatMap(([typed, name], i) => {
  const [word, slug] = CATEGORY_FORMS[i % CATEGORY_FORMS.length];
  const [word2, slug2] = CATEGORY_FORMS[(i + 2) % CATEGORY_FORMS.length];
  return [
    [`${word} in ${typed}`, { intent: 'crime.trend', area: name, cat: slug }],
    [`how many ${word2} in ${typed} last year`, { intent: 'crime.total', area: name, cat: slug2, period: { kind: 'last-year' } }],
    [`${typed} ${word} last 6 months`, { area: name, cat: slug, period: last(6) }],
    [`where does ${typed} rank for ${word2}`, { intent: 'crime.rank', area: name, cat: slug2 }],
    [`fly tipping in ${typed}`, { intent: 'clarify', says: REFUSE_FLY, button: new RegExp(`ASB in ${name}`) }],
  ] as [string, Expect][];
});

describe('every ward, as typed', () => {
  test.each(GENERATED)('%s', (text, e) => check(text, e));
});
