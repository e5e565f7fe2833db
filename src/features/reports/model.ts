import type { Period, Source } from '../../core/answer';
import type { Chart } from './chart';

/** The progress report appendix for the Crime and Disorder Committee, as plain data. */

export interface ReportAction {
  id: string;
  title: string;
  leadAgency: string;
  lead: string;
  status: string;
  /** "Red – off track" etc., or "–" for closed items (RAG applies to open items only). */
  rag: string;
  ragKey: 'green' | 'amber' | 'red' | 'grey' | null;
  targetDate: string | null;
  latestUpdate: { text: string; asOf: string; author: string } | null;
  /** Plain lines: what changed since the last report, newest last. */
  changes: string[];
  committeeFlag: boolean;
}

export interface ReportTheme {
  theme: string;
  actions: ReportAction[];
}

export interface CategoryRow {
  slug: string;
  name: string;
  unit: 'crimes' | 'incidents';
  current: number;
  previous: number;
  change: number;
  /** One decimal; null when the previous count is 0 or the periods are not like for like. */
  changePct: number | null;
  /** False when a month of either period is not imported: no change is stated. */
  comparable: boolean;
}

export interface WardChangeRow {
  code: string;
  name: string;
  current: number;
  previous: number;
  change: number;
  changePct: number | null;
  comparable: boolean;
}

/** The front page committees expect, before the appendix of figures. */
export interface CoverSheet {
  committee: string;
  /** As the committee asked ("September 2021") or "to be confirmed". */
  meetingDate: string;
  reportOf: string;
  purpose: string;
  recommendations: string[];
  contactOfficer: string;
}

/** A simple table a matter arising answers with. */
export interface ReportTable {
  caption: string;
  header: string[];
  rows: string[][];
  /** Which columns hold numbers (right-aligned). */
  numeric: boolean[];
}

/** One follow-up from the last meeting, answered with live figures where the bot holds them. */
export interface MatterArising {
  id: string;
  title: string;
  /** "Open – due September 2021", "Done (2021-04-02)", "Overdue – was due 2021-04-13". */
  status: string;
  owner: string | null;
  /** Where it came from ("Resolution (2)", the sentence). */
  source: string | null;
  answer: string[];
  tables: ReportTable[];
  chartIds: string[];
  caveats: string[];
}

/** Which months the figures hold, and what is new since the last report. */
export interface DataCoverage {
  /** Months of the period or the previous period not imported: shown as gaps, never zeros. */
  missingMonths: string[];
  /** Both periods complete: changes are stated. */
  comparable: boolean;
  /** Why changes are or are not stated, when months are missing. */
  note: string | null;
  /** The period the last report (meeting) covered, when known. */
  lastReportedPeriod: Period | null;
  /** Months reported for the first time. */
  newMonths: string[];
  /** One sentence: what is new since the last report. */
  newSinceText: string;
}

export interface ProgressReport {
  title: string;
  districtName: string;
  period: Period;
  previousPeriod: Period;
  /** YYYY-MM-DD */
  generatedOn: string;
  /** ISO moment the draft was made, from the injected clock (the Word file's created date). */
  generatedAt: string;
  /** Changes to actions are counted from this date (the last report or meeting); null: none known. */
  since: string | null;
  sampleData: boolean;
  summary: string[];
  cover: CoverSheet;
  coverage: DataCoverage;
  mattersArising: MatterArising[];
  themes: ReportTheme[];
  exemptLeftOut: number;
  crime: {
    allCrime: CategoryRow;
    categories: CategoryRow[];
    /** Every month of both periods; null for a month not imported. */
    monthly: { month: string; count: number | null }[];
    wardChanges: WardChangeRow[];
    wardSetNote: string | null;
  };
  charts: Chart[];
  sources: Source[];
  caveats: string[];
}
