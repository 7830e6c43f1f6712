import { join } from 'node:path';
import type { Logger } from 'pino';
import { PersonalApiKeyService } from '../apikeys/personal-api-key.service.js';
import { AuditQueryService } from '../audit/audit.query.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { ApiClientService } from '../clients/api-client.service.js';
import { clientTransactions } from '../clients/client-transaction.js';
import type { KeywardConfig } from '../config.js';
import { hashClientSecret } from '../credentials/client-secret.js';
import { CredentialService } from '../credentials/credential.service.js';
import { CredentialPolicyService } from '../credentials/credential-policy.service.js';
import { ExpiredCredentials } from '../credentials/expired-credentials.js';
import { FederatedAssertions, FederatedIssuers } from '../credentials/kinds/federated.js';
import { ClientAssertions } from '../credentials/kinds/private-key-jwt.js';
import { RemoteKeySets } from '../credentials/kinds/remote-key-sets.js';
import { UnusedCredentials } from '../credentials/unused-credentials.js';
import type { MasterKey } from '../crypto/master-key.js';
import { ChangeFeed } from '../db/change-feed.js';
import type { Orm } from '../db/orm.js';
import { Housekeeping } from '../housekeeping/housekeeping.js';
import type { Clock } from '../kernel/clock.js';
import { LeakReports } from '../leaks/leak-reports.js';
import { createMailer, type Mailer } from '../mail/mailer.js';
import { AccessTokens } from '../oauth/access-token.js';
import { ClientAuthenticator } from '../oauth/client-auth.js';
import { ClientCache } from '../oauth/client-cache.js';
import { DpopProofs } from '../oauth/dpop.js';
import { FailureLimiter } from '../oauth/failure-limiter.js';
import { SigningKeyService } from '../oauth/signing-keys.js';
import { TokenQuotas } from '../oauth/token-quotas.js';
import { TokenService } from '../oauth/token-service.js';
import { UsageRecorder } from '../oauth/usage.js';
import { CertificateAuthorityService } from '../pki/ca.service.js';
import { CertificateIssuer } from '../pki/certificate-issuer.js';
import { ReminderQueryService } from '../reminders/reminder.queries.js';
import { ReminderService } from '../reminders/reminder.service.js';
import { TenantService } from '../tenants/provisioning.js';
import { TenantDirectory } from '../tenants/tenant-directory.js';
import { TenantSettingsService } from '../tenants/tenant-settings.service.js';
import { AuthService } from '../users/auth.service.js';
import { TeamService } from '../users/team.service.js';
import { UserService } from '../users/user.service.js';
import { VaultService } from '../vault/vault.service.js';
import { VaultConnectService } from '../vault/vault-connect.service.js';
import { VaultRenewals } from '../vault/vault-renewal.js';
import { VaultSeal } from '../vault/vault-seal.js';
import { WebhookService } from '../webhooks/webhook.service.js';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import { WebhookSecrets } from '../webhooks/webhook-secrets.js';
import { WebhookSender } from '../webhooks/webhook-sender.js';

/** One instance of each domain service per running app. */
export interface Services {
  auth: AuthService;
  tenants: TenantService;
  tenantDirectory: TenantDirectory;
  catalog: CatalogService;
  clients: ApiClientService;
  audit: AuditQueryService;
  credentials: CredentialService;
  certificateAuthority: CertificateAuthorityService;
  signingKeys: SigningKeyService;
  clientCache: ClientCache;
  /** Changes other processes must hear about; `listen` on a PostgreSQL server. */
  changeFeed: ChangeFeed;
  usage: UsageRecorder;
  tokens: TokenService;
  tokenQuotas: TokenQuotas;
  /** DPoP proofs (token endpoint and /graphql); told the mTLS listener's address once it listens. */
  dpop: DpopProofs;
  mailer: Mailer;
  reminders: ReminderService;
  housekeeping: Housekeeping;
  reminderQueries: ReminderQueryService;
  personalApiKeys: PersonalApiKeyService;
  users: UserService;
  teams: TeamService;
  tenantSettings: TenantSettingsService;
  credentialPolicy: CredentialPolicyService;
  vault: VaultService;
  /** OAuth2 renewal before tokens run out, its retries, and the emails to vault credentials' contacts (a job). */
  vaultRenewals: VaultRenewals;
  vaultConnect: VaultConnectService;
  /** Usage findings: the unusedCredentials list and the job that reports (and maybe disables) unused credentials. */
  unusedCredentials: UnusedCredentials;
  /** Records credential.expired once for each credential whose expiry has passed (audit trail and webhooks). */
  expiredCredentials: ExpiredCredentials;
  /** Leaked-credential reports from a scanner or a person: matching secrets and keys stopped, their people emailed. */
  leakReports: LeakReports;
  /** Webhook endpoints and their delivery logs (GraphQL). */
  webhooks: WebhookService;
  /** Delivers the webhook outbox: woken by commits, its own retry timers and the delivery job. */
  webhookDispatcher: WebhookDispatcher;
}

/** Keys come from the master key (docs/formats.md#secrets-at-rest-and-in-logs); `clock` is the system clock outside tests. */
export function createServices(orm: Orm, config: KeywardConfig, masterKey: MasterKey, clock: Clock, logger: Logger): Services {
  const pepper = masterKey.derive('client-secret-pepper.v1');
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    outboxDir: join(config.dataDir, 'outbox'),
    from: config.mailFrom,
    logger,
    // One connection per reminder in flight, so a batch is handed to the server at once rather than queued.
    maxConnections: Math.max(5, config.reminderSendConcurrency),
  });
  const changeFeed = new ChangeFeed(orm, logger);
  const clientTransaction = clientTransactions(orm, changeFeed);
  const tenantDirectory = new TenantDirectory(orm, config.publicUrl);
  const certificateAuthority = new CertificateAuthorityService(
    orm,
    masterKey.derive('certificate-authority-keys.v1'),
    clock,
    config.publicUrl,
    tenantDirectory,
  );
  const signingKeys = new SigningKeyService(orm, changeFeed, masterKey.derive('token-signing-keys.v1'), clock, config.publicUrl, {
    jwksMaxAgeSeconds: config.jwksMaxAgeSeconds,
    marginSeconds: config.keyRotationMarginSeconds,
  });
  const clientCache = new ClientCache(orm, changeFeed, clock);
  const keySets = new RemoteKeySets({
    allowPrivate: config.outboundAllowPrivate,
    allowAddresses: config.outboundAllowAddresses,
    timeoutMs: 5_000,
    maxBytes: 256 * 1024,
  });
  const federatedIssuers = new FederatedIssuers(keySets);
  const usage = new UsageRecorder(orm, logger, config.lastUsedFlushSeconds);
  const dpop = new DpopProofs(orm, clock, config.publicUrl);
  const tokenQuotas = new TokenQuotas(orm, logger);
  const tokens = new TokenService(
    orm,
    clientCache,
    new ClientAuthenticator(
      clientCache,
      pepper,
      hashClientSecret,
      new ClientAssertions(orm, keySets, config.publicUrl, clock),
      new FederatedAssertions(orm, federatedIssuers, clock),
    ),
    new AccessTokens(signingKeys, clock),
    new FailureLimiter(config.tokenMaxFailuresPerClient, config.tokenMaxFailuresPerIp, clock),
    usage,
    clock,
    dpop,
    tokenQuotas,
  );
  const vaultSeal = new VaultSeal(masterKey.derive('vault.v1'));
  const vaultPolicy = {
    allowPrivate: config.outboundAllowPrivate,
    allowAddresses: config.outboundAllowAddresses,
    timeoutMs: config.vaultTimeoutSeconds * 1000,
    maxBytes: 1024 * 1024,
  };
  const vault = new VaultService(orm, vaultSeal, clock, vaultPolicy);
  const credentials = new CredentialService(
    orm,
    pepper,
    clock,
    new CertificateIssuer(certificateAuthority),
    clientTransaction,
    keySets,
    federatedIssuers,
  );
  const personalApiKeys = new PersonalApiKeyService(orm, masterKey.derive('personal-api-key-pepper.v1'), clock, logger);
  const webhookPolicy = { ...vaultPolicy, timeoutMs: config.webhookTimeoutSeconds * 1000, maxBytes: 64 * 1024 };
  const webhookSecrets = new WebhookSecrets(masterKey.derive('webhook-signing-secrets.v1'));
  const webhookSender = new WebhookSender(webhookSecrets, vault, webhookPolicy);
  return {
    webhooks: new WebhookService(orm, webhookSecrets, webhookSender, clock, webhookPolicy),
    webhookDispatcher: new WebhookDispatcher(
      orm,
      webhookSender,
      mailer,
      clock,
      logger,
      {
        retrySeconds: config.webhookRetrySeconds,
        disableAfterSeconds: config.webhookDisableAfterSeconds,
        // Longer than one attempt (the call and its recording) can take; a crashed process's endpoints wait this long.
        leaseSeconds: config.webhookTimeoutSeconds * 2 + 5,
        publicUrl: config.publicUrl,
        deliver: config.webhookDelivery,
      },
      changeFeed,
    ),
    certificateAuthority,
    signingKeys,
    clientCache,
    changeFeed,
    usage,
    tokens,
    tokenQuotas,
    dpop,
    auth: new AuthService(orm, config, clock),
    tenants: new TenantService(orm, clock),
    tenantDirectory,
    catalog: new CatalogService(orm, clock),
    clients: new ApiClientService(orm, clientTransaction, clock),
    audit: new AuditQueryService(orm),
    credentials,
    mailer,
    reminderQueries: new ReminderQueryService(orm, clock),
    users: new UserService(orm, config, clock),
    teams: new TeamService(orm, clock),
    tenantSettings: new TenantSettingsService(orm, signingKeys, changeFeed, clock),
    credentialPolicy: new CredentialPolicyService(orm, clock),
    vault,
    vaultConnect: new VaultConnectService(orm, vaultSeal, clock, vaultPolicy, config.publicUrl),
    vaultRenewals: new VaultRenewals(orm, vault, mailer, clock, logger, {
      publicUrl: config.publicUrl,
      maxFailures: config.vaultRenewalMaxFailures,
      retryBaseSeconds: config.vaultRenewalRetrySeconds,
      mailMaxAttempts: config.reminderMaxAttempts,
      mailRetryBaseSeconds: config.reminderRetrySeconds,
      leaseSeconds: config.reminderLeaseSeconds,
    }),
    personalApiKeys,
    unusedCredentials: new UnusedCredentials(orm, clock, clientTransaction, logger),
    expiredCredentials: new ExpiredCredentials(orm, clock, logger),
    leakReports: new LeakReports(credentials, personalApiKeys, mailer, logger, config.publicUrl, clock),
    housekeeping: new Housekeeping(orm, config.sessionIdleSeconds),
    reminders: new ReminderService(orm, mailer, clock, logger, {
      publicUrl: config.publicUrl,
      maxAttempts: config.reminderMaxAttempts,
      retryBaseSeconds: config.reminderRetrySeconds,
      leaseSeconds: config.reminderLeaseSeconds,
      sendConcurrency: config.reminderSendConcurrency,
    }),
  };
}
