import type { InvokeOutcome, InvokeRequest, RequestContext, VerbHandler } from '../../src/core/turn';

/** Presses a card button on a feature's verbs, as the router does; a verb no one answers is a test fault. */
export function invoke(verbs: Record<string, VerbHandler>, req: InvokeRequest, ctx: RequestContext): Promise<InvokeOutcome> {
  const handler = verbs[req.verb];
  if (!handler) throw new Error(`no feature answers "${req.verb}"`);
  return handler(req, ctx);
}
