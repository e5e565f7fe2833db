import type { FeatureRoutes } from '../../core/turn';
import type { AppDeps } from '../deps';
import { draftInChat, reportVerbs } from './reportDrafts';

/** The progress report for the committee, drafted from a reminder card or when asked for in chat. */
export function reportRoutes(deps: AppDeps): FeatureRoutes {
  return { feature: 'reports', intents: { 'report.draft': (_q, ctx) => draftInChat(deps, ctx) }, verbs: reportVerbs(deps) };
}
