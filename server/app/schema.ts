import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { PersonalApiKeyResolver } from '../apikeys/personal-api-key.resolver.js';
import { AuditResolver } from '../audit/audit.resolver.js';
import { CatalogResolver } from '../catalog/catalog.resolver.js';
import { ApiClientResolver } from '../clients/api-client.resolver.js';
import { ApiClientCredentialsResolver, CredentialResolver } from '../credentials/credential.resolver.js';
import { CredentialPolicyResolver } from '../credentials/credential-policy.resolver.js';
import { UnusedCredentialsResolver } from '../credentials/unused-credentials.resolver.js';
import { applyPermissions } from '../graphql/shield.js';
import { LeakReportResolver } from '../leaks/leak-report.resolver.js';
import { ReminderResolver } from '../reminders/reminder.resolver.js';
import { SessionResolver } from '../users/session.resolver.js';
import { TeamResolver, TenantSettingsResolver, UserResolver } from '../users/users.resolver.js';
import { TenantResolver, ViewerResolver } from '../users/viewer.resolver.js';
import { VaultResolver } from '../vault/vault.resolver.js';
import { VaultConnectResolver } from '../vault/vault-connect.resolver.js';
import { WebhookResolver } from '../webhooks/webhook.resolver.js';

const resolvers = [
  ViewerResolver,
  TenantResolver,
  SessionResolver,
  CatalogResolver,
  ApiClientResolver,
  ApiClientCredentialsResolver,
  ReminderResolver,
  CredentialResolver,
  AuditResolver,
  PersonalApiKeyResolver,
  UserResolver,
  TeamResolver,
  TenantSettingsResolver,
  CredentialPolicyResolver,
  VaultResolver,
  VaultConnectResolver,
  UnusedCredentialsResolver,
  LeakReportResolver,
  WebhookResolver,
] as const;

/** The schema as declared by the resolvers, without permissions: what `schema.graphql` records. */
export function buildContractSchema(): Promise<GraphQLSchema> {
  // Input rules live in the services (one message per rule and field), not in class-validator.
  return buildSchema({ resolvers, validate: false });
}

/** The schema the server executes: the contract with graphql-shield permissions applied. */
export async function buildExecutableSchema(): Promise<GraphQLSchema> {
  return applyPermissions(await buildContractSchema());
}

/** Sorted SDL, so the committed file changes only when the contract does. */
export function printContract(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
