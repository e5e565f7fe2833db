import type { FeatureRoutes } from '../../core/turn';
import type { AppDeps } from '../deps';
import { reportVerbs } from './reportDrafts';

/** The progress report for the committee, drafted from a reminder card. */
export function reportRoutes(deps: AppDeps): FeatureRoutes {
  return { feature: 'reports', verbs: reportVerbs(deps) };
}
