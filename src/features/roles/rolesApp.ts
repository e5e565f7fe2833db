import { z } from 'zod';
import type { AppDeps } from '../deps';
import type { CardJson, FeatureRoutes, InvokeOutcome, InvokeRequest, RequestContext, VerbHandler } from '../../core/turn';
import { describeRole, hasAtLeast, Role, ROLES } from '../../core/roles';
import { renderCard } from '../../cards/template';
import { assertCardFits } from '../../cards/template';
import { RoleRepo } from '../../store/roleRepo';
import { AuditLog } from '../../store/auditLog';
import { knownPeople, KnownPerson, peoplePicker } from '../people/people';

/** What telling someone in their personal chat came to. */
export type MessageOutcome = 'sent' | 'no_chat' | 'failed';

/**
 * Sends a message to one person in their personal chat with the bot, when one exists. The
 * composition root implements it with the stored conversation references and the proactive sender.
 */
export type PersonalMessenger = (aadObjectId: string, message: { text: string }) => Promise<MessageOutcome>;

const ROLE_WORDS: Record<Role, string> = { member: 'member', officer: 'officer', coordinator: 'coordinator', admin: 'admin' };

const grantSchema = z.object({
  person: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string({ error: 'Choose a person' }).regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$/, { message: 'Choose a person from the list' }),
  ),
  role: z.enum(ROLES, { error: 'Choose one of the roles offered' }),
});

interface FormState {
  notice?: string;
  problem?: string;
  errors?: Record<string, string>;
  form?: { person?: string; role?: string };
}

/** The roles card: a people picker, the roles this person may give, and who holds a role now. */
async function grantCard(deps: AppDeps, ctx: RequestContext, state: FormState = {}): Promise<CardJson> {
  const people = await knownPeople(deps);
  const grants = (await new RoleRepo(deps.store).list()).filter((g) => g.role !== 'member');
  const nameOf = new Map(people.map((p) => [p.aadObjectId, p.name]));
  const isAdmin = ctx.actor.role === 'admin';
  const offered = ROLES.filter((r) => r !== 'admin' || isAdmin);
  const shown = grants.slice(0, 30);
  return assertCardFits(
    renderCard('role-grant', {
      adminNote: isAdmin ? '; admins also configure the deployment' : '',
      notice: state.notice ?? '',
      problem: state.problem ? `Nothing was changed: ${state.problem}` : '',
      errors: { person: state.errors?.person ?? '', role: state.errors?.role ?? '' },
      personPicker: peoplePicker({ id: 'person', label: 'Person', people, value: state.form?.person, errorMessage: 'Choose the person.' }),
      roleChoices: offered.map((r) => ({ title: describeRole(r), value: r })),
      form: { role: state.form?.role && (offered as readonly string[]).includes(state.form.role) ? state.form.role : 'officer' },
      grants: shown.map((g) => ({ name: nameOf.get(g.aadObjectId) ?? g.displayName ?? g.aadObjectId, role: ROLE_WORDS[g.role] })),
      grantsFooter: grants.length > shown.length ? `${grants.length - shown.length} more: csp roles list shows everyone.` : '',
    }),
  );
}

async function audit(deps: AppDeps, ctx: RequestContext, event: string, detail: Record<string, unknown>): Promise<void> {
  deps.log.warn({ ...detail, actor: ctx.actor.aadObjectId, correlationId: ctx.correlationId }, event);
  await new AuditLog(deps.store).record(event, ctx.actor.aadObjectId, { ...detail, role: ctx.actor.role, correlationId: ctx.correlationId }, ctx.now);
}

function refusal(message: string, correlationId: string): InvokeOutcome {
  return {
    kind: 'card',
    card: assertCardFits(renderCard('action-error', { title: 'You cannot give roles', message, problems: [], id: '', correlationId })),
  };
}

const MAY_GRANT = 'Only coordinators and admins can give roles.';

/**
 * Gives a role from the card: coordinators and admins only (only an admin gives or takes away
 * admin), to someone the bot knows, stored with its audit line in one transaction; the person
 * is then told in their personal chat with the bot, never in a channel.
 */
async function grant(req: InvokeRequest, ctx: RequestContext, deps: AppDeps, messenger: PersonalMessenger | undefined, tellWaitMs: number): Promise<InvokeOutcome> {
  const typed = typeof req.data === 'object' && req.data !== null ? (req.data as Record<string, unknown>) : {};
  const form = { person: typeof typed.person === 'string' ? typed.person.slice(0, 100) : undefined, role: typeof typed.role === 'string' ? typed.role.slice(0, 20) : undefined };
  if (!hasAtLeast(ctx.actor.role, 'coordinator')) {
    await audit(deps, ctx, 'role.refused', { verb: req.verb, target: form.person ?? null, wanted: form.role ?? null, message: MAY_GRANT });
    return refusal(MAY_GRANT, ctx.correlationId);
  }
  const parsed = grantSchema.safeParse(req.data ?? {});
  const again = async (problem: string, errors: Record<string, string>) => {
    await audit(deps, ctx, 'role.invalid', { verb: req.verb, target: form.person ?? null, wanted: form.role ?? null, message: problem });
    return { kind: 'card' as const, card: await grantCard(deps, ctx, { problem, errors, form }) };
  };
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
    return again('some of the form could not be used.', errors);
  }
  const { person: aad, role } = parsed.data;
  const person: KnownPerson | undefined = (await knownPeople(deps)).find((p) => p.aadObjectId === aad);
  if (!person) return again('that person is not someone the bot knows.', { person: 'Choose the person from the list.' });
  if (deps.config.CSP_ADMINS.includes(aad)) {
    return again(`${person.name} is an admin through the deployment's settings (CSP_ADMINS), which a card cannot change.`, { person: 'Set by the deployment, not here.' });
  }
  const roles = new RoleRepo(deps.store);
  const previous = await roles.roleOf(aad);
  if ((role === 'admin' || previous === 'admin') && ctx.actor.role !== 'admin') {
    const message = 'Only an admin can give or take away the admin role.';
    await audit(deps, ctx, 'role.refused', { verb: req.verb, target: aad, wanted: role, previous, message });
    return { kind: 'card', card: await grantCard(deps, ctx, { problem: message, errors: { role: message }, form }) };
  }
  if (previous === role) return { kind: 'card', card: await grantCard(deps, ctx, { notice: `${person.name} is already a ${ROLE_WORDS[role]}: nothing changed.` }) };
  await roles.grant(aad, role, ctx.actor.aadObjectId, ctx.now, person.name, {
    event: 'role.granted',
    actor: ctx.actor.aadObjectId,
    detail: { target: aad, name: person.name, role, previous, by: ctx.actor.name, channel: 'teams', correlationId: ctx.correlationId },
  });
  deps.log.info({ target: aad, role, previous, actor: ctx.actor.aadObjectId }, 'role granted');
  const told = messenger ? await tellWithin(messenger(aad, { text: roleMessage(ctx.actor.name, role, previous) }), deps, aad, tellWaitMs) : 'no_chat';
  const tellText: Record<MessageOutcome | 'pending', string> = {
    sent: 'I have told them in their personal chat with the bot.',
    pending: 'I am telling them in their personal chat with the bot.',
    no_chat: 'They have no personal chat with the bot yet, so I could not tell them: they will see their role when they type "whoami" to the bot.',
    failed: 'I could not reach their personal chat just now, so please tell them yourself.',
  };
  return { kind: 'card', card: await grantCard(deps, ctx, { notice: `${person.name} is now ${article(role)} ${ROLE_WORDS[role]} (was ${ROLE_WORDS[previous]}). ${tellText[told]}` }) };
}

const article = (role: Role) => (role === 'admin' || role === 'officer' ? 'an' : 'a');

function roleMessage(by: string, role: Role, previous: Role): string {
  return `${by} has made you ${article(role)} ${describeRole(role)} in the Community Safety Assistant (you were ${article(previous)} ${ROLE_WORDS[previous]}). Type "help" to see what you can do.`;
}

/** A card must be answered within seconds: a slow send goes on after the answer, and is logged. */
const TELL_WAIT_MS = 3000;

async function tellWithin(sending: Promise<MessageOutcome>, deps: AppDeps, aad: string, waitMs: number): Promise<MessageOutcome | 'pending'> {
  const safe = sending.catch((err: unknown) => {
    deps.log.warn({ err, target: aad }, 'could not tell a person their new role');
    return 'failed' as const;
  });
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), waitMs);
    timer.unref();
  });
  const first = await Promise.race([safe, wait]);
  clearTimeout(timer);
  if (first === 'pending') void safe.then((outcome) => deps.log.info({ target: aad, outcome }, 'told a person their new role, after the card answered'));
  return first;
}

/** `role.form` opens the roles card; `role.grant` gives the role chosen on it. */
export function roleRoutes(deps: AppDeps, messenger?: PersonalMessenger, options: { tellWaitMs?: number } = {}): FeatureRoutes {
  const form: VerbHandler = async (req, ctx) => {
    if (!hasAtLeast(ctx.actor.role, 'coordinator')) {
      await audit(deps, ctx, 'role.refused', { verb: req.verb, message: MAY_GRANT });
      return refusal(MAY_GRANT, ctx.correlationId);
    }
    return { kind: 'card', card: await grantCard(deps, ctx) };
  };
  return { feature: 'roles', verbs: { 'role.form': form, 'role.grant': (req, ctx) => grant(req, ctx, deps, messenger, options.tellWaitMs ?? TELL_WAIT_MS) } };
}
