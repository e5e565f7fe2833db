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
  /** One decimal; null when the previous count is 0. */
  changePct: number | null;
}

export interface WardChangeRow {
  code: string;
  name: string;
  current: number;
  previous: number;
  change: number;
  changePct: number | null;
}

export interface ProgressReport {
  title: string;
  districtName: string;
  period: Period;
  previousPeriod: Period;
  /** YYYY-MM-DD */
  generatedOn: string;
  /** Changes to actions are counted from this date (the last report or meeting); null: none known. */
  since: string | null;
  sampleData: boolean;
  summary: string[];
  themes: ReportTheme[];
  exemptLeftOut: number;
  crime: {
    allCrime: CategoryRow;
    categories: CategoryRow[];
    monthly: { month: string; count: number }[];
    wardChanges: WardChangeRow[];
    wardSetNote: string | null;
  };
  charts: Chart[];
  sources: Source[];
  caveats: string[];
}
