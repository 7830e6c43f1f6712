import { PersonalApiKey } from '../apikeys/personal-api-key.entity.js';
import { AuditChainHead, AuditChainKey, AuditEvent } from '../audit/audit-event.entity.js';
import { ApiResource } from '../catalog/api-resource.entity.js';
import { Scope } from '../catalog/scope.entity.js';
import { ApiClient } from '../clients/api-client.entity.js';
import { UsedClientAssertion } from '../credentials/client-assertion.entity.js';
import { Credential } from '../credentials/credential.entity.js';
import { ActiveToken, DpopProof, RevokedToken, SigningKey, TokenQuotaUsage } from '../oauth/oauth.entities.js';
import { CertificateAuthorityRecord, RevokedCertificate } from '../pki/certificate-authority.entity.js';
import { ReminderDelivery } from '../reminders/reminder-delivery.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { LoginFailureCounter } from '../users/login-failure.entity.js';
import { Session } from '../users/session.entity.js';
import { Team } from '../users/team.entity.js';
import { User } from '../users/user.entity.js';
import { VaultConnectState } from '../vault/vault-connect-state.entity.js';
import { VaultCredential } from '../vault/vault-credential.entity.js';
import { VaultNotice } from '../vault/vault-notice.entity.js';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookMessage } from '../webhooks/webhook.entities.js';

/** Every table Keyward owns. Listed explicitly: no folder scanning, works from ts and js alike. */
export const entities = [
  Tenant,
  User,
  Team,
  Session,
  LoginFailureCounter,
  ApiResource,
  Scope,
  ApiClient,
  Credential,
  UsedClientAssertion,
  CertificateAuthorityRecord,
  RevokedCertificate,
  SigningKey,
  RevokedToken,
  DpopProof,
  TokenQuotaUsage,
  ActiveToken,
  AuditEvent,
  AuditChainHead,
  AuditChainKey,
  ReminderDelivery,
  PersonalApiKey,
  VaultCredential,
  VaultNotice,
  VaultConnectState,
  WebhookEndpoint,
  WebhookMessage,
  WebhookDelivery,
  WebhookAttempt,
];
