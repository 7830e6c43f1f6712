import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import { registerAuditRoutes } from '../audit/audit.routes.js';
import type { KeywardConfig } from '../config.js';
import type { Orm } from '../db/orm.js';
import { refuseTooManyAliases } from '../graphql/alias-limit.js';
import { challengedRefusal, contextFailure, createGraphQLContext, type GraphQLContext } from '../graphql/context.js';
import { capErrors, VALIDATION_MAX_ERRORS } from '../graphql/error-cap.js';
import { formatError } from '../graphql/errors.js';
import { queryLimits, ROOT_FIELD_COST } from '../graphql/limits.js';
import { refuseNulCharacters } from '../graphql/nul-characters.js';
import { sayWhenChangesWereSaved } from '../graphql/saved-changes.js';
import { refuseBadVariables } from '../graphql/variable-errors.js';
import { registerAuthRoutes } from '../http/auth.routes.js';
import { authenticateRequest, type RequestCertificate } from '../http/authenticate.js';
import { crossSiteGuard } from '../http/csrf.js';
import { registerErrorHandler } from '../http/errors.js';
import { registerHealthRoutes } from '../http/health.js';
import { registerMetrics } from '../http/metrics.js';
import { proxyCertificate } from '../http/mtls.js';
import { lazyRequestLogger, logOneLinePerRequest } from '../http/request-logger.js';
import { requestMeta } from '../http/request-meta.js';
import { registerSpa, securityHeaders } from '../http/spa.js';
import { listenerTimeouts } from '../http/timeouts.js';
import type { Clock } from '../kernel/clock.js';
import { UnauthenticatedError } from '../kernel/errors.js';
import { temporaryPasswordRefusal } from '../kernel/viewer.js';
import { registerLeakReportRoutes } from '../leaks/leak-report.routes.js';
import { loggerOutput } from '../logger.js';
import { type OAuthEndpoints, registerOAuth } from '../oauth/oauth.routes.js';
import { registerPkiRoutes } from '../pki/pki.routes.js';
import { registerVaultConnectRoutes } from '../vault/vault-connect.routes.js';
import { buildExecutableSchema } from './schema.js';
import type { Services } from './services.js';

/** Fastify's options for the public listener's timeouts (http/timeouts.ts). */
function publicTimeouts(seconds: number) {
  const { requestTimeout, keepAliveTimeout, server } = listenerTimeouts(seconds);
  return { requestTimeout, keepAliveTimeout, http: server };
}

/** What the OAuth surface needs on either listener, but for where its client certificates come from. */
export function oauthEndpoints(
  config: KeywardConfig,
  services: Services,
  logger: Logger,
  mtlsBase: () => string | null,
): Omit<OAuthEndpoints, 'peerCertificate'> {
  return {
    tokens: services.tokens,
    keys: services.signingKeys,
    tenants: services.tenantDirectory,
    logger,
    publicUrl: config.publicUrl,
    mtlsBase: () => config.mtlsPublicUrl ?? mtlsBase(),
  };
}

export interface AppDependencies {
  config: KeywardConfig;
  orm: Orm;
  services: Services;
  logger: Logger;
  clock: Clock;
  /** The mTLS listener's base URL once it listens (for discovery's mtls_endpoint_aliases). */
  mtlsBase: () => string | null;
}

export interface KeywardApp {
  app: FastifyInstance;
  /**
   * Serves the same GraphQL API on another listener (the mTLS one), where a certificate-bound access token is
   * accepted with its certificate (docs/permissions.md#certificate-bound-tokens-on-graphql).
   */
  mountGraphQL(target: FastifyInstance, certificate: RequestCertificate): Promise<void>;
}

/**
 * Builds the HTTP application: Fastify with Apollo on `/graphql`, sign-in routes, health, metrics and
 * the SPA. Pure construction — it neither listens nor touches the database until requests arrive.
 */
export async function buildApp({ config, orm, services, logger, clock, mtlsBase }: AppDependencies): Promise<KeywardApp> {
  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    childLoggerFactory: lazyRequestLogger,
    // Fastify's own two lines per request off: logOneLinePerRequest writes one.
    logController: new LogController({ disableRequestLogging: true }),
    ...publicTimeouts(config.requestTimeoutSeconds),
  });
  await app.register(fastifyCookie);
  logOneLinePerRequest(app, logger as FastifyBaseLogger);
  // One hook, after the cookie parser, for what every request gets (error and 404 responses too): its request ID,
  // the security headers, and the refusal of cross-site requests that carry the session cookie. The token
  // endpoint's throughput counts each hook (bench/README.md).
  const refuseCrossSite = crossSiteGuard(config.publicUrl);
  const setSecurityHeaders = securityHeaders(config.publicUrl);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    setSecurityHeaders(reply);
    if (!refuseCrossSite(request, reply)) done();
  });
  registerErrorHandler(app);
  const logOutput = loggerOutput(logger);
  registerMetrics(app, config.metricsToken, {
    keyward_log_lines_dropped_total: {
      help: 'Log lines dropped because standard output was not being read fast enough (KEYWARD_LOG_BUFFER_MB was full).',
      value: () => logOutput?.dropped ?? 0,
    },
    keyward_token_quota_refused_total: {
      help: "Token requests refused with 429 by an enforced token quota or a credential's active-token limit.",
      value: () => services.tokenQuotas.totals.refused,
    },
    keyward_token_quota_monitored_over_total: {
      help: 'Tokens issued past a token quota in monitor mode (the client is logged at warn once per hour or day).',
      value: () => services.tokenQuotas.totals.monitoredOver,
    },
    keyward_reminders_sent_total: { help: 'Expiry reminders the mail server accepted.', value: () => services.reminders.totals.sent },
    keyward_reminders_retried_total: {
      help: 'Expiry reminder attempts that failed temporarily and were rescheduled.',
      value: () => services.reminders.totals.retrying,
    },
    keyward_reminders_failed_total: {
      help: 'Expiry reminders given up as FAILED.',
      value: () => services.reminders.totals.failed,
    },
  });
  registerHealthRoutes(app, orm);
  registerAuthRoutes(app, services, config);
  registerPkiRoutes(app, services.certificateAuthority);
  registerVaultConnectRoutes(app, services.vaultConnect, services.auth);
  registerLeakReportRoutes(app, services.leakReports, config.leakReportKeys);
  // Behind a trusted TLS-terminating proxy, the certificate it forwards counts (token endpoint and /graphql alike).
  const forwardedCertificate = proxyCertificate(config.trustedProxies, services.certificateAuthority, clock);
  await registerOAuth(app, {
    ...oauthEndpoints(config, services, logger, mtlsBase),
    peerCertificate: forwardedCertificate,
  });

  // "Did you mean …?" lists the schema's names to whoever guesses; production answers without them.
  const hideSuggestions = config.env === 'production';
  const apollo = new ApolloServer<GraphQLContext>({
    schema: await buildExecutableSchema(),
    formatError,
    introspection: config.env !== 'production',
    validationRules: [
      queryLimits({
        maxDepth: config.graphqlMaxDepth,
        maxCost: config.graphqlMaxCost,
        ignoreIntrospection: config.env !== 'production',
        rootFieldCost: ROOT_FIELD_COST,
      }),
    ],
    includeStacktraceInErrorResponses: false,
    validationOptions: { maxErrors: VALIDATION_MAX_ERRORS, hideSuggestions },
    plugins: [
      fastifyApolloDrainPlugin(app),
      // Before refuseNulCharacters, which then leaves refused variables unwalked.
      refuseBadVariables({ hideSuggestions }),
      refuseNulCharacters,
      sayWhenChangesWereSaved,
      capErrors,
      ApolloServerPluginLandingPageDisabled(),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ operation, operationName, contextValue }) {
              // Which operation ran, never its variables (they may hold passwords or secrets).
              const fields = operation?.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : [])) ?? [];
              logger.debug(
                { requestId: contextValue.meta.requestId, operation: operationName ?? null, type: operation?.operation, fields },
                'GraphQL operation',
              );
            },
            async didEncounterErrors({ errors, contextValue }) {
              for (const error of errors) {
                // Logged when the caller is told it went wrong on Keyward's side; refusals of bad input are the caller's to fix.
                const code = formatError(error.toJSON(), error).extensions?.code;
                if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') {
                  logger.error({ err: error.originalError ?? error, requestId: contextValue.meta?.requestId }, 'GraphQL resolver failed');
                }
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const mountGraphQL = async (target: FastifyInstance, certificate: RequestCertificate) => {
    await target.register(fastifyApollo(apollo), {
      context: async (request): Promise<GraphQLContext> => {
        // Before Apollo parses and validates: thousands of aliases would cost seconds of validation (alias-limit.ts).
        refuseTooManyAliases((request.body as { query?: unknown } | undefined)?.query ?? (request.query as { query?: unknown })?.query);
        const meta = requestMeta(request);
        let auth: Awaited<ReturnType<typeof authenticateRequest>>;
        try {
          auth = await authenticateRequest(request, meta, services, certificate);
        } catch (error) {
          throw contextFailure(error);
        }
        const challenged = challengedRefusal(auth.authError);
        if (challenged) throw challenged;
        return createGraphQLContext(meta, services, auth);
      },
    });
  };
  await mountGraphQL(app, forwardedCertificate);
  registerAuditRoutes(app, services.audit, async (request) => {
    const { viewer, authError } = await authenticateRequest(request, requestMeta(request), services, forwardedCertificate);
    if (!viewer) throw authError ?? new UnauthenticatedError();
    // As graphql-shield does for every GraphQL field: nothing but changing the password until it is changed.
    if (viewer.mustChangePassword) throw temporaryPasswordRefusal();
    return viewer;
  });
  await registerSpa(app);
  return { app, mountGraphQL };
}
