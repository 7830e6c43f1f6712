import { type GraphQLSchema, isObjectType } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, type IRules, rule, shield } from 'graphql-shield';
import { KEYS_NEED_THEIR_OWNER } from '../apikeys/personal-api-key.rules.js';
import { ActorType } from '../kernel/actor.js';
import { ForbiddenError, UnauthenticatedError } from '../kernel/errors.js';
import { VAULT_USE_SCOPE } from '../kernel/management-scopes.js';
import { PERMISSION_LABELS, Permission } from '../kernel/permissions.js';
import { missingPermission, temporaryPasswordRefusal } from '../kernel/viewer.js';
import type { GraphQLContext } from './context.js';

const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
  if (!ctx.viewer) return ctx.authError ?? new UnauthenticatedError();
  return ctx.viewer.mustChangePassword ? temporaryPasswordRefusal() : true;
});

/** Any sign-in, even one on a temporary password: what such a user still may do (see who they are). */
const isSignedIn = rule('isSignedIn', { cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) =>
  ctx.viewer ? true : (ctx.authError ?? new UnauthenticatedError()),
);

/** A user signed in with a session cookie (not an API key or access token), even on a temporary password. */
const isSessionUser = rule('isSessionUser', { cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
  if (!ctx.viewer) return ctx.authError ?? new UnauthenticatedError();
  return ctx.viewer.user && ctx.viewer.sessionTokenHash
    ? true
    : new ForbiddenError('Only a person signed in to Keyward can change their password: sign in with your email and password.');
});

/** Personal API keys: their owner, signed in with a session; never an API key or access token (a leaked key cannot mint more). */
const isKeyOwner = rule('isKeyOwner', { cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
  if (!ctx.viewer) return ctx.authError ?? new UnauthenticatedError();
  if (ctx.viewer.actor.type !== ActorType.USER || !ctx.viewer.user) return new ForbiddenError(KEYS_NEED_THEIR_OWNER);
  return ctx.viewer.mustChangePassword ? temporaryPasswordRefusal() : true;
});

type ShieldRule = ReturnType<ReturnType<typeof rule>>;

const canRules = new Map<string, ShieldRule>();

/** Allows the field when the viewer holds any of the permissions (one rule instance per combination). */
function can(...anyOf: Permission[]): ShieldRule {
  const name = `can:${anyOf.join('|')}`;
  let existing = canRules.get(name);
  if (!existing) {
    existing = rule(name, { cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
      if (!ctx.viewer) return ctx.authError ?? new UnauthenticatedError();
      if (ctx.viewer.mustChangePassword) return temporaryPasswordRefusal();
      return anyOf.some((p) => ctx.viewer?.can(p)) ? true : missingPermission(...anyOf);
    });
    canRules.set(name, existing);
  }
  return existing;
}

/** Allows the field when the viewer holds every one of the permissions; the refusal names the first one missing. */
function canAll(...allOf: Permission[]): ShieldRule {
  const name = `can:${allOf.join('&')}`;
  let existing = canRules.get(name);
  if (!existing) {
    existing = rule(name, { cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
      if (!ctx.viewer) return ctx.authError ?? new UnauthenticatedError();
      if (ctx.viewer.mustChangePassword) return temporaryPasswordRefusal();
      const missing = allOf.find((p) => !ctx.viewer?.can(p));
      return missing ? missingPermission(missing) : true;
    });
    canRules.set(name, existing);
  }
  return existing;
}

/** The vault's use (vaultCredentialAuthorization): an API client granted keyward:vault.use, or a holder of VAULT_MANAGE. */
const canUseVault = rule('canUseVault', { cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
  if (!ctx.viewer) return ctx.authError ?? new UnauthenticatedError();
  if (ctx.viewer.mustChangePassword) return temporaryPasswordRefusal();
  if (ctx.viewer.can(Permission.VAULT_MANAGE) || ctx.viewer.scopes.has(VAULT_USE_SCOPE.name)) return true;
  return new ForbiddenError(
    `You do not have permission to do this. It needs VAULT_MANAGE (${PERMISSION_LABELS.VAULT_MANAGE}), or for an API client the scope ${VAULT_USE_SCOPE.name}.`,
  );
});

/** Every root field needs a rule here; a field without one is denied (fallbackRule). */
const rootRules: IRules = {
  Query: {
    viewer: isSignedIn,
    // Secret administrators read the clients their secrets belong to (read-only), or they could not find them.
    apiClients: can(Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION),
    apiClient: can(Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION),
    apiResources: can(
      Permission.CLIENT_ADMINISTRATION,
      Permission.SECRET_ADMINISTRATION,
      Permission.CLIENT_CREATE,
      Permission.CLIENT_EDIT,
      Permission.SECURITY_ADMINISTRATION,
    ),
    auditEvents: can(Permission.CLIENT_ADMINISTRATION, Permission.SECURITY_ADMINISTRATION),
    expiringCredentials: can(Permission.SECRET_ADMINISTRATION),
    unusedCredentials: can(Permission.SECRET_ADMINISTRATION),
    users: can(Permission.SECURITY_ADMINISTRATION),
    credentialPolicyViolations: can(Permission.SECURITY_ADMINISTRATION),
    teams: can(Permission.SECURITY_ADMINISTRATION),
    myApiKeys: isKeyOwner,
    // Managers see what they change; administrators see metadata only (docs/vault.md#permissions).
    vaultCredentials: can(Permission.VAULT_ADMINISTRATION, Permission.VAULT_MANAGE),
    vaultCredential: can(Permission.VAULT_ADMINISTRATION, Permission.VAULT_MANAGE),
    vaultCredentialAuthorization: canUseVault,
    webhookEndpoints: can(Permission.SECURITY_ADMINISTRATION),
    webhookEventTypes: can(Permission.SECURITY_ADMINISTRATION),
    webhookDeliveries: can(Permission.SECURITY_ADMINISTRATION),
    // The service refuses callers without a session (API keys, access tokens) with its own message.
    mySessions: isAuthenticated,
  },
  Mutation: {
    createApiClient: can(Permission.CLIENT_CREATE),
    updateApiClient: can(Permission.CLIENT_EDIT),
    deleteApiClient: can(Permission.CLIENT_REMOVE),
    createClientSecret: can(Permission.SECRET_CREATE),
    rotateClientSecret: can(Permission.SECRET_CREATE),
    createCertificate: can(Permission.SECRET_CREATE),
    createPrivateKeyJwtCredential: can(Permission.SECRET_CREATE),
    createFederatedCredential: can(Permission.SECRET_CREATE),
    renewCertificate: can(Permission.SECRET_CREATE),
    deleteCredential: can(Permission.SECRET_REMOVE),
    // Seeing the credential (SECRET_ADMINISTRATION alone stays read-only) and stopping it from working, as deleting does.
    setCredentialEnabled: canAll(Permission.SECRET_ADMINISTRATION, Permission.SECRET_REMOVE),
    changeMyPassword: isSessionUser,
    createUser: can(Permission.SECURITY_ADMINISTRATION),
    updateUser: can(Permission.SECURITY_ADMINISTRATION),
    disableUser: can(Permission.SECURITY_ADMINISTRATION),
    enableUser: can(Permission.SECURITY_ADMINISTRATION),
    createTeam: can(Permission.SECURITY_ADMINISTRATION),
    updateTeam: can(Permission.SECURITY_ADMINISTRATION),
    deleteTeam: can(Permission.SECURITY_ADMINISTRATION),
    updateTenantSettings: can(Permission.SECURITY_ADMINISTRATION),
    updateCredentialPolicy: can(Permission.SECURITY_ADMINISTRATION),
    createApiResource: can(Permission.SECURITY_ADMINISTRATION),
    updateApiResource: can(Permission.SECURITY_ADMINISTRATION),
    deleteApiResource: can(Permission.SECURITY_ADMINISTRATION),
    createScope: can(Permission.SECURITY_ADMINISTRATION),
    updateScope: can(Permission.SECURITY_ADMINISTRATION),
    deleteScope: can(Permission.SECURITY_ADMINISTRATION),
    createPersonalApiKey: isKeyOwner,
    revokePersonalApiKey: isKeyOwner,
    regeneratePersonalApiKey: isKeyOwner,
    createVaultCredential: can(Permission.VAULT_MANAGE),
    updateVaultCredential: can(Permission.VAULT_MANAGE),
    deleteVaultCredential: can(Permission.VAULT_MANAGE),
    testVaultCredential: can(Permission.VAULT_MANAGE),
    testVaultCredentialDraft: can(Permission.VAULT_MANAGE),
    renewVaultCredential: can(Permission.VAULT_MANAGE),
    connectVaultCredential: can(Permission.VAULT_MANAGE),
    createWebhookEndpoint: can(Permission.SECURITY_ADMINISTRATION),
    updateWebhookEndpoint: can(Permission.SECURITY_ADMINISTRATION),
    deleteWebhookEndpoint: can(Permission.SECURITY_ADMINISTRATION),
    redeliverWebhook: can(Permission.SECURITY_ADMINISTRATION),
    sendTestWebhook: can(Permission.SECURITY_ADMINISTRATION),
    revokeSession: isAuthenticated,
    revokeOtherSessions: isAuthenticated,
    // Whoever finds a leaked value may report it; the answer never says whether it matched (docs/leaked-credentials.md).
    reportLeakedCredential: isAuthenticated,
  },
};

/** Rules for sensitive fields of object types; the other fields of a type are readable by whoever reached it. */
const typeRules: Record<string, Record<string, ShieldRule | typeof allow>> = {
  // Wherever an API client is reached — the apiClient query, a mutation's answer, Credential.apiClient — reading it
  // needs what the apiClient query needs (docs/permissions.md#what-each-permission-reaches). Its id and client ID stay readable: whoever just created or
  // changed it needs them to go on (to add a secret, to configure the client).
  ApiClient: {
    '*': can(Permission.CLIENT_ADMINISTRATION, Permission.SECRET_ADMINISTRATION),
    id: allow,
    clientId: allow,
    credentials: can(Permission.SECRET_ADMINISTRATION),
    credentialCount: can(Permission.SECRET_ADMINISTRATION),
    nearestExpiry: can(Permission.SECRET_ADMINISTRATION),
  },
  // A user reaches their own teams through `viewer { user { teams } }`; who else is in them is for security administrators.
  Team: {
    members: can(Permission.SECURITY_ADMINISTRATION),
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
