import { z } from 'zod';

/** Thrown when the environment holds a value the bot cannot start with. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

const isoMoment = z.string().refine((v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}/.test(v), {
  message: 'must be an ISO date-time such as 2021-08-16T08:55:00Z',
});

const httpsUrl = z
  .string()
  .url()
  .refine((v) => /^https:\/\//i.test(v), { message: 'must be an https:// address (Teams shows it in the app details)' });

/**
 * The Teams app's developer details, shown in its "About" page: the council (or supplier) that
 * runs the bot, and its pages on the service, privacy and terms of use. Only `npm run package`
 * uses them; unset, the package links to example.org placeholders, which it refuses in production.
 */
export const manifestLinksSchema = z.object({
  CSP_DEVELOPER_NAME: optionalText.pipe(z.string().max(32, { message: 'must be at most 32 characters (a Teams limit)' }).optional()),
  CSP_WEBSITE_URL: optionalText.pipe(httpsUrl.optional()),
  CSP_PRIVACY_URL: optionalText.pipe(httpsUrl.optional()),
  CSP_TERMS_URL: optionalText.pipe(httpsUrl.optional()),
});

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    DATABASE_URL: z
      .string()
      .trim()
      .default('sqlite:./data/csp.sqlite')
      .refine((v) => /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), {
        message: 'must be sqlite:<path> or postgres://user@host:port/database',
      }),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppId: optionalText.refine((v) => v === undefined || guid.test(v), { message: 'must be a GUID (the bot registration\'s app id) or empty for local use' }),
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    CSP_ADMINS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(/[\s,]+/).filter((s) => s.length > 0))
      .refine((ids) => ids.every((id) => guid.test(id)), { message: 'must be a comma-separated list of AAD object ids (GUIDs)' }),
    CSP_CLOCK: optionalText.pipe(isoMoment.optional()),
    CSP_AREA: z.string().trim().regex(/^[EW]0[6-9]\d{6}$/, 'must be a local authority district code such as E07000034').default('E07000034'),
    CSP_SUPPRESSION_THRESHOLD: z.coerce.number().int().min(0).max(100).default(5),
    CSP_POLICE_API_URL: z.string().url().default('https://data.police.uk/api/'),
    CSP_ONS_API_URL: z.string().url().default('https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/'),
    BOT_DOMAIN: optionalText,
    CSP_SCHEDULER: z.enum(['on', 'off']).default('on'),
    CSP_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
    CSP_SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
    CSP_SEND_RATE_PER_SECOND: z.coerce.number().int().min(1).max(50).default(20),
    CSP_DIGEST_WEEKDAY: z
      .enum(['off', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday'])
      .default('monday'),
    CSP_TIMEZONE: z.string().default('Europe/London'),
    /** Minutes of silence after which a conversation forgets what a person was asking about. */
    CSP_CONTEXT_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ...manifestLinksSchema.shape,
  })
  .superRefine((c, ctx) => {
    if (c.MicrosoftAppType === 'SingleTenant' && c.MicrosoftAppId && !c.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType is SingleTenant' });
    }
    if (c.MicrosoftAppId && c.MicrosoftAppType !== 'UserAssignedMSI' && !c.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
  });

export type Config = z.infer<typeof schema>;

/** Reads and validates the configuration once; a bad value names the variable and the problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parseOrThrow(schema, env);
}

export type ManifestLinks = z.infer<typeof manifestLinksSchema>;

/** Only the Teams app's developer details, for packaging (which needs none of the bot's secrets). */
export function loadManifestLinks(env: Record<string, string | undefined> = process.env): ManifestLinks {
  return parseOrThrow(manifestLinksSchema, env);
}

function parseOrThrow<T>(s: z.ZodType<T>, env: Record<string, string | undefined>): T {
  const parsed = s.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'} ${i.message}`));
  }
  return parsed.data;
}
