/**
 * The emails to a vault credential's contacts (docs/vault.md#notices): its OAuth2 renewal failed for good, or it expires
 * soon. A subject, a plain-text part and an HTML part that tell the same facts and the same steps.
 */
import { humanDate } from '../kernel/human-date.js';

export interface NoticeMessage {
  subject: string;
  text: string;
  html: string;
}

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
  checkLink(facts.vaultUrl);
  const when = humanDate(facts.failedAt);
  const subject = oneLine(`Keyward: the vault credential "${facts.credentialName}" could not be renewed and needs your attention`);
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
  checkLink(facts.vaultUrl);
  const expiry = humanDate(facts.expiresAt);
  const inDays = facts.daysLeft === 1 ? 'in 1 day' : `in ${facts.daysLeft} days`;
  const subject = oneLine(`Keyward: the vault credential "${facts.credentialName}" expires ${inDays}, on ${expiry}`);
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
  const text = [
    'Hello,',
    '',
    lead,
    '',
    ...rows.map(([label, value]) => `  ${`${label}:`.padEnd(12)} ${value}`),
    '',
    'What to do:',
    ...steps.map((step, index) => `  ${index + 1}. ${step}`),
    '',
    `Open the vault: ${link}`,
    '',
    '-- ',
    FOOTER,
    '',
  ].join('\n');
  const row = (label: string, value: string) =>
    `<tr><td style="padding:4px 16px 4px 0;color:#6b7280;">${label}</td><td style="padding:4px 0;">${escapeHtml(value)}</td></tr>`;
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1f2937;">',
    '<p>Hello,</p>',
    `<p>${escapeHtml(lead)}</p>`,
    '<table style="border-collapse:collapse;margin:8px 0 16px;">',
    ...rows.map(([label, value]) => row(label, value)),
    '</table>',
    '<p style="margin-bottom:4px;"><strong>What to do</strong></p>',
    '<ol style="margin-top:0;">',
    ...steps.map((step) => `<li>${escapeHtml(step)}</li>`),
    '</ol>',
    `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:8px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px;">Open the vault in Keyward</a></p>`,
    `<p style="font-size:12px;color:#6b7280;">Or copy this link: ${escapeHtml(link)}</p>`,
    `<p style="font-size:12px;color:#6b7280;">${escapeHtml(FOOTER)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

function checkLink(url: string): void {
  // The link goes into an href: anything but http(s) (e.g. javascript:) is a configuration mistake, not something to send.
  if (!/^https?:\/\//i.test(url)) throw new Error('The vault link must be an http:// or https:// URL; check KEYWARD_PUBLIC_URL.');
}

// Credential names are user input; a line break in the subject must not reach the mail headers.
function oneLine(value: string): string {
  return value.replace(/\p{Cc}+/gu, ' ');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}
