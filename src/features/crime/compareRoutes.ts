import type { Answer } from '../../core/answer';
import type { IntentHandler } from '../../core/turn';
import { CrimeRepo } from '../../store/crimeRepo';
import { SimilarGroupRepo } from '../../store/similarGroupRepo';
import type { AppDeps } from '../deps';
import type { PartnershipDirectory } from '../partnerships/directory';
import { answerDistrictComparison } from './compareDistricts';
import { createAnswerRenderer } from './cards';

/** "How does Chesterfield compare with Bolsover / Derbyshire / England and Wales / similar areas?" */
export function districtComparisonHandler(deps: AppDeps, directory: PartnershipDirectory): IntentHandler {
  const render = createAnswerRenderer({}, { suppressionThreshold: deps.config.CSP_SUPPRESSION_THRESHOLD });
  const similar = new SimilarGroupRepo(deps.store);
  return async (q, ctx) => {
    const snapshot = await deps.snapshots.ofTurn(ctx);
    directory.atVersion(snapshot.version.crime);
    // A similar group set from the CLI is read fresh: it is small and not versioned with the figures.
    const stored = await similar.get(q.districtComparison?.subject ?? deps.pack.district.code);
    return snapshot.keep(
      'crime.compare_districts',
      ['crime'],
      [deps.pack.district.code, q.category?.slug ?? null, q.period ?? null, q.districtComparison, stored ?? null, ctx.now.toISOString().slice(0, 10), q.note ?? null],
      async () => {
        const compared: Answer = await answerDistrictComparison(q, {
          repo: new CrimeRepo(deps.store),
          packs: () => directory.all(),
          own: deps.pack,
          similarGroup: async () => stored,
          suppressionThreshold: deps.config.CSP_SUPPRESSION_THRESHOLD,
        });
        // How the question was read ("these are Chesterfield's figures, which include Rother") leads, on the card too.
        const answer: Answer = q.note ? { ...compared, text: `${q.note} ${compared.text}` } : compared;
        return { answer, card: render(answer) };
      },
      { size: 20 },
    );
  };
}
