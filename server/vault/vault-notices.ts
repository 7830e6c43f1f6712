/**
 * The emails to a vault credential's contacts (docs/vault.md#notices): its OAuth2 renewal failed for good, or it expires
 * soon. A subject, a plain-text part and an HTML part that tell the same facts and the same steps.
 */
import { humanDate } from '../kernel/human-date.js';
import { type NoticeEmail, noticeEmail } from '../mail/notice-email.js';

export type NoticeMessage = NoticeEmail;

export interface RenewalFailedFacts {
  credentialName: string;
  clientId: string;
  tokenUrl: string;
  /** Whether it is connected by signing in at the provider (authorization code) rather than by its client secret. */
  connected: boolean;
  failedAt: Date;
  /** Why, in the provider's words where it gave some; never a secret. */
  reason: string;
  /** `<public URL>/vault`. */
  vaultUrl: string;
}

export interface VaultExpiryFacts {
  credentialName: string;
  /** e.g. "OAuth2 client" or "API key". */
  typeWords: string;
  hint: string;
  expiresAt: Date;
  /** Whole days, 1..30. */
  daysLeft: number;
  vaultUrl: string;
}

export const TYPE_WORDS: Record<string, string> = {
  API_KEY: 'API key',
  OAUTH2: 'OAuth2 client',
  BEARER_TOKEN: 'bearer token',
  BASIC_AUTH: 'user name and password',
  CUSTOM_HEADERS: 'custom headers',
};

const FOOTER = 'You receive this email because you are a contact of this credential in the Keyward vault.';

export function renewalFailedMessage(facts: RenewalFailedFacts): NoticeMessage {
  const when = humanDate(facts.failedAt);
  const subject = `Keyward: the vault credential "${facts.credentialName}" could not be renewed and needs your attention`;
  const lead = `Keyward could not get a new access token for the vault credential "${facts.credentialName}" (client ID ${facts.clientId}) on ${when}. Integrations that use it get no authorization from it until it is fixed.`;
  const steps = facts.connected
    ? [
        'Open the credential on the Vault page and connect it again: sign in at the provider and allow access.',
        'If the provider also changed its client secret, enter the new one first (leave it blank to keep the old one).',
      ]
    : [
        'Check at the provider that the client still exists and what its client secret is now.',
        'Open the credential on the Vault page and enter the new client secret (or correct the token URL or client ID).',
        'Use Test or Renew now to check that it works again.',
      ];
  return message(
    subject,
    lead,
    [
      ['Credential', facts.credentialName],
      ['Client ID', facts.clientId],
      ['Token URL', facts.tokenUrl],
      ['Failed', when],
      ['Reason', facts.reason],
    ],
    steps,
    facts.vaultUrl,
  );
}

export function vaultExpiryMessage(facts: VaultExpiryFacts): NoticeMessage {
  const expiry = humanDate(facts.expiresAt);
  const inDays = facts.daysLeft === 1 ? 'in 1 day' : `in ${facts.daysLeft} days`;
  const subject = `Keyward: the vault credential "${facts.credentialName}" expires ${inDays}, on ${expiry}`;
  const lead = `The ${facts.typeWords} "${facts.credentialName}" (${facts.hint}) in the Keyward vault expires ${inDays}, on ${expiry}. After that, integrations that use it get no authorization from it.`;
  return message(
    subject,
    lead,
    [
      ['Credential', `${facts.credentialName} (${facts.typeWords})`],
      ['Value', facts.hint],
      ['Expires', `${expiry} (${inDays})`],
    ],
    [
      'Get a new value from the service it is for.',
      'Open the credential on the Vault page, enter the new value and its new expiry date (or none).',
      'Use Test to check that it works.',
    ],
    facts.vaultUrl,
  );
}

function message(subject: string, lead: string, rows: [string, string][], steps: string[], link: string): NoticeMessage {
  return noticeEmail({
    subject,
    lead,
    rows,
    steps,
    link: { url: link, text: 'Open the vault', button: 'Open the vault in Keyward' },
    footer: FOOTER,
  });
}
