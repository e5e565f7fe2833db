/**
 * What the bot reads out of a committee's minutes, as plain data. Every extracted item keeps the
 * paragraph it came from (1-based, as a reader counts them) and the sentence, so it can be traced
 * back to its evidence.
 */

/** 'table': a row (cells joined by " | ") or one cell of a table flattened to text. */
export type ParagraphKind = 'heading' | 'text' | 'bullet' | 'numbered' | 'resolved' | 'table';

export interface MinutesParagraph {
  /** 1-based position in the normalised document. */
  index: number;
  /** The paragraph's words with list markers removed and spacing tidied. */
  text: string;
  kind: ParagraphKind;
  /** The list marker as written ("(1)", "·", "a)"), or null. */
  marker: string | null;
}

export interface SourceRef {
  paragraph: number;
  /** The sentence the item was read from. */
  text: string;
}

export interface Resolution {
  number: number;
  text: string;
  /** In a Part 2 (exempt) item: never shown in a channel. */
  exempt: boolean;
  source: SourceRef;
}

export type DuePrecision = 'day' | 'month';

/**
 * How the due date was found: written in the minutes ("in September, 2021", "w/c 7 March"),
 * relative to the meeting ("the following week", "the new municipal year", "before the year
 * end"), "after the meeting" (a week), the next meeting's date where the minutes give it, none
 * ("no date given": nothing is invented), or unknown because the meeting date is not known.
 */
export type DueBasis = 'stated' | 'relative' | 'after-meeting' | 'next-meeting' | 'none' | 'unknown';

export interface ProposedFollowUp {
  /** Stable within a document: the same minutes always give the same keys (used to avoid duplicates). */
  key: string;
  kind: 'request' | 'promise' | 'resolution';
  title: string;
  /** YYYY-MM-DD (day precision) or YYYY-MM (month precision); null when it cannot be worked out. */
  due: string | null;
  precision: DuePrecision | null;
  dueBasis: DueBasis;
  /** The words that gave the date ("September, 2021", "after the meeting"), if any. */
  dueText: string | null;
  /** Who must do it, where the minutes name them; else the officer who presented the report. */
  owner: string | null;
  ownerBasis: 'named' | 'presenter' | null;
  /** Who it goes to ("Members", "Crime and Disorder Committee"). */
  audience: string | null;
  /** The resolution it comes from, when it does. */
  resolutionNumber: number | null;
  /** When the minutes give no date: the day reminders would start from (four weeks after the meeting), never shown as a due date. */
  chaseFrom: string | null;
  /** In a Part 2 (exempt) item. */
  exempt: boolean;
  source: SourceRef;
}

export interface ActionRef {
  id: string;
  title: string;
}

export interface NamedActivity {
  key: string;
  /** Imperative title, as an action would be called ("Support …"). */
  title: string;
  /** The best-matching existing action, or null when it is proposed as a new one. */
  matchedActionId: string | null;
  /** Every existing action the paragraph names (a bullet can name two). */
  matchedActionIds: string[];
  /** 'listed': in the minutes' list of action-plan activities; 'discussed': an existing action named elsewhere. */
  mention: 'listed' | 'discussed';
  source: SourceRef;
}

export interface MonthPeriod {
  /** YYYY-MM */
  from: string;
  /** YYYY-MM */
  to: string;
}

export interface KeyFigure {
  text: string;
  /** Signed: a reduction of 6.2% is -6.2. */
  value: number;
  unit: '%' | 'count' | '£';
  /** A category slug or "all-crime" when the words name one. */
  measure: string | null;
  period: MonthPeriod | null;
  comparedWith: MonthPeriod | null;
  /** In a Part 2 (exempt) item. */
  exempt: boolean;
  source: SourceRef;
}

export interface NamedArea {
  code: string;
  name: string;
  type: 'ward' | 'group';
  /** Paragraphs that name it. */
  paragraphs: number[];
}

export interface MeetingInfo {
  title: string | null;
  /** YYYY-MM-DD, from the text or given by the user. */
  date: string | null;
  /** Who presented the report, as the minutes call them. */
  presenter: string | null;
  /** YYYY-MM-DD of the next meeting where the minutes give it (never taken as this meeting's date). */
  nextMeetingDate: string | null;
}

export interface MinutesExtract {
  /** False when the text does not read as minutes; then every list is empty. */
  isMinutes: boolean;
  /** One line saying what was found, or why nothing was. */
  summary: string;
  /** sha256 of the normalised paragraphs: the same minutes, however copied, give the same hash. */
  contentHash: string;
  meeting: MeetingInfo;
  paragraphs: MinutesParagraph[];
  resolutions: Resolution[];
  followUps: ProposedFollowUp[];
  activities: NamedActivity[];
  figures: KeyFigure[];
  wards: NamedArea[];
  /** Things the user should check (no meeting date, dates that disagree…). */
  notices: string[];
}

/** The `--dry-run --json` shape of the CLI. */
export interface MinutesDryRun {
  meeting: { title: string | null; date: string | null; nextMeetingDate: string | null };
  resolutions: { number: number; text: string; exempt: boolean }[];
  followUps: {
    title: string;
    kind: ProposedFollowUp['kind'];
    due: string | null;
    precision: DuePrecision | null;
    /** The words the date was read from, or "no date given". */
    dueText: string;
    owner: string | null;
    audience: string | null;
    exempt: boolean;
    source: { paragraph: number; text: string };
  }[];
  activities: { title: string; matchedActionId: string | null; matchedActionIds: string[] }[];
  figures: { text: string; value: number; unit: string; measure: string | null; period: MonthPeriod | null; comparedWith: MonthPeriod | null; exempt: boolean }[];
  wards: { code: string; name: string }[];
  isMinutes: boolean;
  summary: string;
  notices: string[];
}
