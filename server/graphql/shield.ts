import { type GraphQLSchema, isObjectType } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, type IRules, rule, shield } from 'graphql-shield';
import { Permission } from '../auth/permissions.js';
import { missingPermission } from '../auth/viewer.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { GraphQLContext } from './context.js';

const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) =>
  ctx.viewer ? true : (ctx.authError ?? new UnauthenticatedError()),
);

type ShieldRule = ReturnType<ReturnType<typeof rule>>;

const canRules = new Map<string, ShieldRule>();

/** Allows the field when the viewer holds any of the permissions (one rule instance per combination). */
function can(...anyOf: Permission[]): ShieldRule {
  const name = `can:${anyOf.join('|')}`;
  let existing = canRules.get(name);
  if (!existing) {
    existing = rule(name, { cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
      if (!ctx.viewer) return ctx.authError ?? new UnauthenticatedError();
      return anyOf.some((p) => ctx.viewer?.can(p)) ? true : missingPermission(...anyOf);
    });
    canRules.set(name, existing);
  }
  return existing;
}

/** Every root field needs a rule here; a field without one is denied (fallbackRule). */
const rootRules: IRules = {
  Query: {
    viewer: isAuthenticated,
    apiClients: can(Permission.CLIENT_ADMINISTRATION),
    apiClient: can(Permission.CLIENT_ADMINISTRATION),
    apiResources: can(
      Permission.CLIENT_ADMINISTRATION,
      Permission.CLIENT_CREATE,
      Permission.CLIENT_EDIT,
      Permission.SECURITY_ADMINISTRATION,
    ),
    auditEvents: can(Permission.CLIENT_ADMINISTRATION, Permission.SECURITY_ADMINISTRATION),
  },
  Mutation: {
    createApiClient: can(Permission.CLIENT_CREATE),
    updateApiClient: can(Permission.CLIENT_EDIT),
    deleteApiClient: can(Permission.CLIENT_REMOVE),
    createClientSecret: can(Permission.SECRET_CREATE),
    rotateClientSecret: can(Permission.SECRET_CREATE),
    createCertificate: can(Permission.SECRET_CREATE),
    deleteCredential: can(Permission.SECRET_REMOVE),
  },
};

/** Rules for sensitive fields of object types; the other fields of a type are readable by whoever reached it. */
const typeRules: Record<string, Record<string, ShieldRule>> = {
  ApiClient: {
    credentials: can(Permission.SECRET_ADMINISTRATION),
    credentialCount: can(Permission.SECRET_ADMINISTRATION),
  },
};

export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  const rules: Record<string, Record<string, unknown>> = { ...rootRules } as Record<string, Record<string, unknown>>;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Query' || type.name === 'Mutation') continue;
    rules[type.name] = { '*': allow, ...typeRules[type.name] };
  }
  const permissions = shield(rules as IRules, {
    fallbackRule: rule('deny', { cache: 'no_cache' })(() => false),
    fallbackError: () => new ForbiddenError('You do not have permission to do this.'),
    // Errors thrown by resolvers are our typed errors: pass them through, do not turn them into refusals.
    allowExternalErrors: true,
    debug: false,
  });
  return applyMiddleware(schema, permissions);
}
