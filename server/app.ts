import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { registerAuthRoutes } from './auth/auth.routes.js';
import { SESSION_COOKIE } from './auth/auth.service.js';
import { viewerForAccessToken } from './auth/bearer.js';
import type { Clock } from './clock.js';
import type { KeywardConfig } from './config.js';
import type { Orm } from './db/orm.js';
import { UnauthenticatedError } from './errors.js';
import type { GraphQLContext } from './graphql/context.js';
import { formatError } from './graphql/errors.js';
import { buildExecutableSchema } from './graphql/schema.js';
import { registerErrorHandler } from './http/errors.js';
import { registerHealthRoutes } from './http/health.js';
import { registerMetrics } from './http/metrics.js';
import { requestMeta } from './http/request-meta.js';
import { registerSpa } from './http/spa.js';
import { proxyCertificate } from './oauth/mtls.js';
import { registerDiscoveryRoutes, registerFormParser, registerOAuthRoutes } from './oauth/oauth.routes.js';
import { registerPkiRoutes } from './pki/pki.routes.js';
import type { Services } from './services.js';

export interface AppDependencies {
  config: KeywardConfig;
  orm: Orm;
  services: Services;
  logger: Logger;
  clock: Clock;
  /** The mTLS listener's base URL once it listens (for discovery's mtls_endpoint_aliases). */
  mtlsBase: () => string | null;
}

/**
 * Builds the HTTP application: Fastify with Apollo on `/graphql`, sign-in routes, health, metrics and
 * the SPA. Pure construction — it neither listens nor touches the database until requests arrive.
 */
export async function buildApp({ config, orm, services, logger, clock, mtlsBase }: AppDependencies): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  await app.register(fastifyCookie);
  registerErrorHandler(app);
  registerMetrics(app);
  registerHealthRoutes(app, orm);
  registerAuthRoutes(app, services, config);
  registerPkiRoutes(app, services.certificateAuthority);
  registerFormParser(app);
  registerOAuthRoutes(app, {
    tokens: services.tokens,
    keys: services.signingKeys,
    logger,
    peerCertificate: proxyCertificate(config.trustedProxies, services.certificateAuthority, clock),
  });
  registerDiscoveryRoutes(app, services.signingKeys, config.publicUrl, mtlsBase);

  const apollo = new ApolloServer<GraphQLContext>({
    schema: await buildExecutableSchema(),
    formatError,
    introspection: config.env !== 'production',
    includeStacktraceInErrorResponses: false,
    plugins: [
      fastifyApolloDrainPlugin(app),
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
                const code = error.extensions?.code;
                if (!code || code === 'INTERNAL_SERVER_ERROR') {
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
  await app.register(fastifyApollo(apollo), {
    context: async (request): Promise<GraphQLContext> => {
      const meta = requestMeta(request);
      const authorization = request.headers.authorization;
      if (authorization) {
        const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
        if (!bearer) {
          return {
            meta,
            services,
            viewer: null,
            authError: new UnauthenticatedError('Send credentials as "Authorization: Bearer <access token>".'),
          };
        }
        try {
          return { meta, services, viewer: await viewerForAccessToken(bearer, services) };
        } catch (error) {
          if (error instanceof UnauthenticatedError) return { meta, services, viewer: null, authError: error };
          throw error;
        }
      }
      return { meta, services, viewer: await services.auth.viewerForSession(request.cookies[SESSION_COOKIE]) };
    },
  });
  await registerSpa(app);
  return app;
}
