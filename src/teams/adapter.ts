import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationBotFrameworkAuthenticationOptions,
  Request,
  Response,
} from 'botbuilder';
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import type { Config } from '../core/config';
import type { Logger } from '../core/log';
import { correlationId } from '../core/log';
import { isCardReply, pipelineOf, sendCardReply } from './cardReplies';
import { ReusedTurnClients } from './turnClients';

type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

/** The Bot Framework adapter, keeping the authentication it checks every request with. */
export class TeamsAdapter extends CloudAdapter {
  constructor(readonly authentication: BotFrameworkAuthentication, readonly log: Logger) {
    super(authentication);
  }

  /** A turn's one card reply goes with its card's JSON as kept (see cardReplies.ts); everything else as botbuilder sends it. */
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const pipeline = pipelineOf(context.turnState.get(this.ConnectorClientKey));
    const [reply] = activities;
    // Only the answer to the turn's own activity: proactive sends keep botbuilder's path and its errors.
    if (activities.length !== 1 || !pipeline || !isCardReply(reply) || reply.replyToId !== context.activity.id) return super.sendActivities(context, activities);
    return [await sendCardReply(pipeline, reply)];
  }

  /** Takes the turn of a request already authenticated (see `activityProcessor`). */
  takeTurn(auth: AuthenticateRequestResult, activity: Activity, bot: ActivityHandler) {
    return this.processActivity(auth, activity, (context) => bot.run(context));
  }
}

/**
 * How the adapter checks tokens. `overrides` point the OpenID metadata elsewhere (tests use a
 * local key endpoint); production uses the Bot Framework's published endpoints.
 */
export function createAuthentication(config: Config, overrides: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {}): BotFrameworkAuthentication {
  return new ReusedTurnClients(botbuilderAuthentication(config, overrides));
}

/** botbuilder's authentication as it comes, making new clients for every turn (the benchmarks' echo bot uses it). */
export function botbuilderAuthentication(config: Config, overrides: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {}): BotFrameworkAuthentication {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    ...overrides,
  };
  return new ConfigurationBotFrameworkAuthentication(options);
}

/** The Bot Framework adapter: with MicrosoftAppId set it checks the JWT on every request. */
export function createAdapter(config: Config, log: Logger, authentication = createAuthentication(config)): TeamsAdapter {
  const adapter = new TeamsAdapter(authentication, log);
  adapter.onTurnError = async (context, error) => {
    const id = correlationId();
    log.error({ err: error, correlationId: id, activityType: context.activity?.type }, 'unhandled turn error');
    try {
      if (context.activity?.type === 'message') {
        await context.sendActivity(`Sorry, something went wrong on my side. If it keeps happening, quote reference ${id}.`);
      }
    } catch {
      // The connector may be the thing that failed; the log line above is what matters.
    }
  };
  return adapter;
}

/** What a caller is told when its request cannot be authenticated: nothing an attacker can use. */
export const authRefusals = {
  unauthorized: { status: 401, error: 'Unauthorized.' },
  keysUnavailable: { status: 503, error: 'Authentication is temporarily unavailable; try again later.' },
} as const;

/**
 * Which refusal an authentication failure gets. Only a failure to reach or read the signing-key
 * endpoint is ours (503, worth retrying); anything wrong with the token itself is the caller's (401).
 */
export function authRefusalFor(err: unknown): (typeof authRefusals)[keyof typeof authRefusals] {
  const e = err as { name?: string; type?: string; code?: string; message?: string; statusCode?: number } | undefined;
  const message = String(e?.message ?? '');
  const unreachable =
    e?.name === 'FetchError' ||
    (e?.statusCode ?? 0) >= 500 ||
    e?.type === 'system' ||
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH'].includes(String(e?.code)) ||
    /^Failed to load (Keys|openID config)/i.test(message) ||
    /unexpected token|invalid json/i.test(message);
  return unreachable ? authRefusals.keysUnavailable : authRefusals.unauthorized;
}

/**
 * The HTTP handler for /api/messages: authenticate, then the bot takes the turn. Authentication is
 * done here rather than inside `adapter.process` so that a bad token is a 401 and an unreachable key
 * endpoint a 503, both with a generic body; the library's own message (which can name the key
 * endpoint and its DNS error) goes to the log only.
 */
export function activityProcessor(adapter: TeamsAdapter, bot: ActivityHandler): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const activity = withDates(req.body as unknown as Activity);
    const header = String(req.headers.authorization ?? req.headers.Authorization ?? '');
    let auth: AuthenticateRequestResult;
    try {
      auth = await adapter.authentication.authenticateRequest(activity, header);
    } catch (err) {
      const refusal = authRefusalFor(err);
      const id = correlationId();
      adapter.log.warn({ err, correlationId: id, status: refusal.status }, 'request refused: authentication failed');
      res.status(refusal.status);
      res.send({ error: refusal.error, correlationId: id });
      res.end();
      return;
    }
    const invokeResponse = await adapter.takeTurn(auth, activity, bot);
    res.status(invokeResponse?.status ?? 200);
    if (invokeResponse?.body) res.send(invokeResponse.body);
    res.end();
  };
}

/** The wire sends timestamps as strings; the SDK's turn expects Dates (as its own `process` does). */
function withDates(activity: Activity): Activity {
  const raw = activity as Activity & Record<string, unknown>;
  for (const [field, rawField] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    if (typeof raw[field] === 'string') {
      raw[rawField] = raw[field];
      raw[field] = new Date(raw[field] as string);
    }
  }
  return activity;
}
