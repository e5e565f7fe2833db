import { LRUCache } from 'lru-cache';
import {
  AuthenticateRequestResult,
  BotFrameworkAuthentication,
  BotFrameworkClient,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  JwtTokenValidation,
  UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { keptPromise } from '../core/keptPromise';

/**
 * botbuilder makes a new connector client and a new user-token client for every activity it
 * receives, each building its own HTTP pipeline: a large share of a turn's cost. A client holds
 * only its service URL, its credentials (which fetch and renew their own tokens for each request)
 * and that pipeline, so one per app, service URL and audience serves every turn, as botbuilder's
 * older adapter kept them.
 *
 * Only turns' clients are reused. Proactive sends still get a client of their own each: the
 * proactive sender takes the SDK's retry policy out of its client's pipeline, which a turn's reply
 * must keep.
 */
export class ReusedTurnClients extends BotFrameworkAuthentication {
  private readonly connectors = new LRUCache<string, Promise<ConnectorClient>>({ max: 200 });
  private readonly userTokens = new LRUCache<string, Promise<UserTokenClient>>({ max: 50 });

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    // A client that could not be made is not kept, so the next turn tries again.
    return keptPromise(this.userTokens, appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  /** The request's result, with a connector factory that hands out the kept client for its app, service URL and audience. */
  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const made = result.connectorFactory;
    if (!made) return result;
    const app = appIdOf(result.claimsIdentity);
    const kept = (serviceUrl: string, audience?: string) => keptPromise(this.connectors, `${app}\u0000${serviceUrl}\u0000${audience ?? ''}`, () => made.create(serviceUrl, audience));
    const factory: ConnectorFactory = { create: kept };
    return { ...result, connectorFactory: factory };
  }
}

function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
}
