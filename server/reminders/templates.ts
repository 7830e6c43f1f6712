/**
 * The expiry reminder email (docs/reminders.md#recipients-and-content): one credential, one stage, as a subject, a plain-text part and an HTML part
 * that tell the same facts and the same steps.
 */
import { humanDate } from '../kernel/human-date.js';
import { type NoticeEmail, noticeEmail } from '../mail/notice-email.js';

export interface ReminderFacts {
  clientName: string;
  /** The OAuth client ID, e.g. "default-orders-sync". */
  clientId: string;
  /** Link to the client page in the SPA, built by the caller from KEYWARD_PUBLIC_URL. */
  clientPageUrl: string;
  credentialType: 'CLIENT_SECRET' | 'CERTIFICATE' | 'PRIVATE_KEY_JWT' | 'FEDERATED';
  credentialDescription: string | null;
  /** For a secret, e.g. "kwcs_…AbCd"; for a certificate, its serial or subject; for a private key JWT, its key ID or jwksUri; for a federated credential, its issuer and subject. */
  credentialHint: string | null;
  expiresAt: Date;
  /** When it last obtained a token; null: never. Tells the contact whether anything still depends on it. */
  lastUsedAt: Date | null;
  /** Whole days, 1..30. */
  daysLeft: number;
}

export type ReminderMessage = NoticeEmail;

const CREDENTIAL_WORDS: Record<ReminderFacts['credentialType'], string> = {
  CLIENT_SECRET: 'client secret',
  CERTIFICATE: 'certificate',
  PRIVATE_KEY_JWT: 'private key JWT credential',
  FEDERATED: 'federated credential',
};

/** What the contact has to do, in order; the certificate steps say why there is no downtime. */
const RENEWAL_STEPS: Record<ReminderFacts['credentialType'], string[]> = {
  CLIENT_SECRET: [
    'Create a new client secret on the client page. Copy it when it is shown: it cannot be retrieved later.',
    'Switch your integration to the new secret.',
    'Delete the old secret once nothing uses it any more.',
  ],
  CERTIFICATE: [
    'Issue a new certificate on the client page. It works in parallel with the old one, so nothing breaks while you switch.',
    'Deploy the new certificate (and its private key) to your integration.',
    'Delete the old certificate once nothing uses it any more.',
  ],
  PRIVATE_KEY_JWT: [
    'Add a new private key JWT credential on the client page with the public key your integration signs with (or its jwksUri). It works in parallel with the old one.',
    'Switch your integration to sign its client assertions with the new key.',
    'Delete the old credential once nothing uses it any more.',
  ],
  FEDERATED: [
    'Add a new federated credential on the client page with the same issuer, audience and subject. It works in parallel with the old one.',
    'Nothing changes in your workload: it keeps presenting the tokens its issuer gives it.',
    'Delete the old credential once the new one is in place.',
  ],
};

export function reminderMessage(facts: ReminderFacts): ReminderMessage {
  const credentialWords = CREDENTIAL_WORDS[facts.credentialType];
  const credential = facts.credentialDescription ? `${credentialWords} "${facts.credentialDescription}"` : credentialWords;
  const credentialWithHint = facts.credentialHint ? `${credential} (${facts.credentialHint})` : credential;
  const expiry = formatExpiry(facts.expiresAt);
  const inDays = daysLeftWords(facts.daysLeft);
  return noticeEmail({
    subject: `Keyward: ${credential} of "${facts.clientName}" (${facts.clientId}) expires ${inDays}, on ${expiry}`,
    lead: `The ${credentialWithHint} of the API client "${facts.clientName}" (client ID ${facts.clientId}) expires ${inDays}, on ${expiry}. After that, it can no longer be used to obtain access tokens.`,
    rows: [
      ['API client', facts.clientName],
      ['Client ID', facts.clientId],
      ['Credential', credentialWithHint],
      ['Expires', `${expiry} (${inDays})`],
      ['Last used', lastUsedWords(facts.lastUsedAt)],
    ],
    steps: RENEWAL_STEPS[facts.credentialType],
    link: { url: facts.clientPageUrl, text: 'Open the client', button: 'Open the client in Keyward' },
    footer: 'You receive this email because you are a contact of this API client in Keyward.',
  });
}

/** "22 December 2026, 14:05 UTC": unambiguous for every reader, whatever their time zone (kernel/human-date.ts). */
export function formatExpiry(expiresAt: Date): string {
  return humanDate(expiresAt);
}

/** "3 December 2026, 10:00 UTC", or "never" for a credential that has not obtained a token yet. */
export function lastUsedWords(lastUsedAt: Date | null): string {
  return lastUsedAt ? humanDate(lastUsedAt) : 'never';
}

export function daysLeftWords(daysLeft: number): string {
  return daysLeft === 1 ? 'in 1 day' : `in ${daysLeft} days`;
}
