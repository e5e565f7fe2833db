/**
 * What the bot does not hold, as data: each concept a councillor may ask about that police.uk
 * street-level data (and the local extracts) cannot answer, with the honest sentence and the
 * nearest thing that is held. A question that names one is never answered with other figures
 * in silence: the parser turns it into a clarification carrying the sentence and the nearest
 * questions as buttons.
 *
 * `topic` concepts replace the subject ("fly-tipping in Rother"); `qualifier` concepts change a
 * question about something held ("how many burglaries were charged"), so the nearest question
 * is the same one without the qualifier.
 */

export interface UnheldConcept {
  id: string;
  kind: 'topic' | 'qualifier';
  /** Runs on the question's folded words joined by single spaces. */
  pattern: RegExp;
  /** The honest sentence; `{latest}` becomes the latest month held when it is known. */
  sentence: string;
  /** Nearest held questions: `{area}` is the area named (or the district), `{what}` the category named (or crime). */
  nearest: string[];
}

export const UNHELD: readonly UnheldConcept[] = [
  {
    id: 'fly-tipping',
    kind: 'topic',
    pattern: /\b(?:fly ?tip(?:ping|s|ped|pers?)?|flytip(?:ping|s|ped)?|dumped rubbish|illegal dumping|rubbish dumping)\b/,
    sentence: 'Fly-tipping is recorded by the council, not the police, so it is not in the police.uk figures I hold.',
    nearest: ['ASB in {area}', 'Criminal damage and arson in {area}'],
  },
  {
    id: 'council-services',
    kind: 'topic',
    pattern: /\b(?:bins?|bin collections?|refuse collections?|recycling|litter(?:ing)?|dog (?:fouling|mess|poo)|potholes?|street ?lights?|street lighting|noise complaints?|planning applications?|council tax|graffiti removal)\b/,
    sentence: 'That is council service data, not police.uk crime data, so I do not hold it; the council’s own service records do.',
    nearest: ['ASB in {area}', 'Criminal damage and arson in {area}'],
  },
  {
    id: 'homicide',
    kind: 'topic',
    pattern: /\b(?:homicides?|murders?|murdered|manslaughters?|killings?|killed|fatal stabbings?|fatal shootings?)\b/,
    sentence:
      'Homicides are not published separately: police.uk counts them within violence and sexual offences, so I cannot give a homicide figure.',
    nearest: ['Violence and sexual offences in {area}', 'Violence with injury in {area}'],
  },
  {
    id: 'sexual-offences',
    kind: 'topic',
    pattern: /\b(?:rapes?|sexual assaults?|sex offences?|sexual offences?)\b(?! and)/,
    sentence:
      'Sexual offences are not published on their own: police.uk counts them together with violence, as violence and sexual offences.',
    nearest: ['Violence and sexual offences in {area}'],
  },
  {
    id: 'driving',
    kind: 'topic',
    pattern:
      /\b(?:dangerous driving|careless driving|reckless driving|drink driving|drug driving|drunk driving|speeding|speeders?|speed cameras?|road traffic (?:offences?|collisions?|accidents?)|traffic offences?|driving offences?|motoring offences?|road (?:accidents?|collisions?|deaths?)|car (?:accidents?|crashes)|crashes|collisions?|parking|boy racers?|uninsured|no insurance)\b/,
    sentence:
      'Driving offences (speeding, dangerous or drink driving) and road collisions are not in police.uk street-level crime, so I do not hold them. Nuisance driving reported as anti-social behaviour is inside the ASB figures.',
    nearest: ['ASB in {area}', 'Vehicle crime in {area}'],
  },
  {
    id: 'fraud',
    kind: 'topic',
    pattern: /\b(?:fraud|frauds|scams?|scammers?|cyber ?crimes?|online crime|phishing|identity theft)\b/,
    sentence:
      'Fraud and cyber crime are reported to Action Fraud nationally and are not in police.uk street-level crime, so I hold no local figure for them.',
    nearest: ['Actions on online safety and fraud', '{What} in {area}'],
  },
  {
    id: 'calls',
    kind: 'topic',
    pattern: /\b(?:999 calls?|101 calls?|calls to (?:the )?police|emergency calls?|response times?|police response)\b/,
    sentence: 'Calls to the police and response times are not published on police.uk, so I do not hold them.',
    nearest: ['{What} in {area}'],
  },
  {
    id: 'outcomes',
    kind: 'qualifier',
    pattern:
      /\b(?:charged|charges|charging|convicted|convictions?|prosecuted|prosecutions?|arrests?|arrested|sentenced|cautioned|cautions|solved|detected|detection rates?|outcomes?|caught|brought to justice|went to court|no further action|nfa|clear ?up rates?|cleared up)\b/,
    sentence: 'I hold the number of crimes recorded, not what happened next: police.uk outcome data (charges, convictions, arrests) is not loaded.',
    nearest: ['{What} in {area}'],
  },
  {
    id: 'forecast',
    kind: 'qualifier',
    pattern:
      /\b(?:will (?:it|crime|asb|they|this|that|there|burglary|burglaries|violence|numbers?|figures?)(?: be)? (?:rise|go up|increase|fall|go down|drop|decrease|get worse|get better|continue|carry on|be higher|be lower|keep)|going to (?:rise|go up|increase|fall|go down|drop|get worse|get better)|predict(?:ion|ions|ed)?|forecasts?|projections?|projected|next (?:month|year|quarter|summer|winter)s?|expected to (?:rise|fall|increase|decrease)|in future|in the future)\b/,
    sentence: 'I do not forecast: I hold recorded figures up to {latest} and can show the trend so far.',
    nearest: ['{What} trend in {area}'],
  },
  {
    id: 'days',
    kind: 'qualifier',
    pattern:
      /\b(?:yesterday|today|tonight|last night|this morning|this afternoon|this evening|this week|last week|past week|previous week|this weekend|last weekend|the weekend|over the weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|last (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|per day|a day|each day|daily|weekly|per week|a week|each week|(?:past|last|previous) (?:few |couple of |\d+ |two |three |four )?(?:days|weeks|fortnight)|fortnight|hour by hour|time of day|what time|at night|night ?time|day ?time|day of the week)\b/,
    sentence: 'police.uk figures are monthly (and by month only, not by day or time of day), so I cannot give that; the latest month I hold is {latest}.',
    nearest: ['{What} in {area} in {latestMonth}', '{What} trend in {area}'],
  },
  {
    id: 'people',
    kind: 'qualifier',
    pattern:
      /\b(?:victims? (?:aged|age|under|over)|victims?|ages? of|by age|age groups?|ethnicity|ethnic|by gender|men or women|male|female|offenders?|perpetrators?|suspects?|repeat victims?|repeat offenders?|who (?:is|are) (?:doing|committing|responsible)|young people|youngsters|youths?|teenagers?|teens|kids|children|child|juveniles?|under 18s?|elderly|older people|pensioners|women|girls|students)\b/,
    sentence: 'police.uk does not publish who the victims or offenders are (age, sex, ethnicity, repeat victims), so I cannot answer that part.',
    nearest: ['{What} in {area}'],
  },
];

export interface UnheldHit {
  concept: UnheldConcept;
  /** The words that named it, as typed (folded). */
  words: string;
}

/** The concepts a question names, topics first. */
export function findUnheld(plain: string): UnheldHit[] {
  const out: UnheldHit[] = [];
  for (const concept of UNHELD) {
    const m = concept.pattern.exec(plain);
    if (m) out.push({ concept, words: m[0] });
  }
  return out.sort((a, b) => (a.concept.kind === b.concept.kind ? 0 : a.concept.kind === 'topic' ? -1 : 1));
}

/** Fills a template from what the question named. */
export function fillNearest(template: string, fill: { area: string; what: string; latestMonth?: string }): string | undefined {
  if (template.includes('{latestMonth}') && !fill.latestMonth) return undefined;
  const what = fill.what;
  return template
    .replace('{area}', fill.area)
    .replace('{What}', what.charAt(0).toUpperCase() + what.slice(1))
    .replace('{what}', what)
    .replace('{latestMonth}', fill.latestMonth ?? '');
}

/**
 * The honest sentence for what a question named, and the nearest held questions as choices
 * (about `fill`'s area and crime type). Topics come first, then qualifiers.
 */
export function refusal(hits: UnheldHit[], fill: { area: string; what: string; latestMonth?: string }): { question: string; options: { label: string; text: string }[] } {
  const latest = fill.latestMonth;
  const asked = hits[0];
  const sentences = [...new Set(hits.map((h) => h.concept.sentence.replace('{latest}', latest ?? 'the latest published month')))];
  if (latest && asked.concept.id === 'days' && !sentences.some((s) => s.includes(latest))) sentences.push(`The latest month I hold is ${latest}.`);
  const options: { label: string; text: string }[] = [];
  for (const h of hits) {
    for (const t of h.concept.nearest) {
      const text = fillNearest(t, fill);
      if (text && !options.some((o) => o.text === text)) options.push({ label: text, text });
    }
  }
  return { question: sentences.join(' '), options: options.slice(0, 4) };
}
