import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationBotFrameworkAuthenticationOptions, Request, Response } from 'botbuilder';
import type { Config } from '../core/config';
import type { Logger } from '../core/log';
import { correlationId } from '../core/log';

/** The Bot Framework adapter: with MicrosoftAppId set it checks the JWT on every request. */
export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
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

/** The HTTP handler for /api/messages: the adapter checks the request, then the bot takes the turn. */
export function activityProcessor(adapter: CloudAdapter, bot: ActivityHandler): (req: Request, res: Response) => Promise<void> {
  return (req, res) => adapter.process(req, res, (context) => bot.run(context));
}
