/**
 * The emails sent when a leaked credential was stopped (docs/leaked-credentials.md): to each contact of the client whose
 * secret it was, or to the owner of a personal API key. They name the credential by its hint, never its value.
 */
import { type NoticeEmail, noticeEmail } from '../mail/notice-email.js';

export interface ExposedSecretFacts {
  clientName: string;
  clientId: string;
  secretHint: string;
  description: string | null;
  reporter: string;
  url: string | null;
  /** `<public URL>/clients/<id>`. */
  clientUrl: string;
}

export interface ExposedKeyFacts {
  keyName: string;
  hint: string;
  reporter: string;
  url: string | null;
  /** `<public URL>/api-keys`. */
  keysUrl: string;
}

export function exposedSecretMessage(facts: ExposedSecretFacts): NoticeEmail {
  return noticeEmail({
    subject: `Keyward: a client secret of "${facts.clientName}" was found exposed and no longer works`,
    lead: `A client secret of the API client "${facts.clientName}" was reported as exposed (${facts.reporter}). Keyward stopped it at once: it obtains no new tokens, and the tokens it obtained are no longer active.`,
    rows: [
      ['API client', `${facts.clientName} (${facts.clientId})`],
      ['Secret', `${facts.secretHint}${facts.description ? ` (${facts.description})` : ''}`],
      ['Found at', facts.url ?? 'not given'],
    ],
    steps: [
      'Create a new client secret on the API client’s page and put it where the integration reads its secret.',
      'Remove the exposed secret from where it was found, its history included.',
      'Check the audit trail for token requests you do not recognise.',
    ],
    link: { url: facts.clientUrl, text: 'Open the API client', button: 'Open the API client in Keyward' },
    footer: 'You receive this email because you are a contact of this API client in Keyward.',
  });
}

export function exposedKeyMessage(facts: ExposedKeyFacts): NoticeEmail {
  return noticeEmail({
    subject: `Keyward: your personal API key "${facts.keyName}" was found exposed and has been revoked`,
    lead: `Your personal API key "${facts.keyName}" was reported as exposed (${facts.reporter}). Keyward revoked it at once: it no longer works.`,
    rows: [
      ['API key', `${facts.keyName} (${facts.hint})`],
      ['Found at', facts.url ?? 'not given'],
    ],
    steps: [
      'Create a new key under My API keys and put it where your scripts read it.',
      'Remove the exposed key from where it was found, its history included.',
      'Check the audit trail for changes made with the key that you do not recognise.',
    ],
    link: { url: facts.keysUrl, text: 'Open My API keys', button: 'Open My API keys in Keyward' },
    footer: 'You receive this email because you own this personal API key in Keyward.',
  });
}
