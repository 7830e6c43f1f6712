import { describe, expect, it } from 'vitest';
import { type ReminderFacts, reminderMessage } from './templates.js';

const secret: ReminderFacts = {
  clientName: 'Orders sync',
  clientId: 'default-orders-sync',
  clientPageUrl: 'https://keyward.example.com/clients/0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b',
  credentialType: 'CLIENT_SECRET',
  credentialDescription: 'Production',
  credentialHint: 'kwcs_…AbCd',
  expiresAt: new Date('2026-12-22T14:05:37Z'),
  lastUsedAt: new Date('2026-12-03T10:00:12Z'),
  daysLeft: 5,
};

const certificate: ReminderFacts = {
  ...secret,
  credentialType: 'CERTIFICATE',
  credentialDescription: 'mTLS gateway',
  credentialHint: '3f9a0c1e5b7d2a4c',
};

function allParts(facts: ReminderFacts): string[] {
  const message = reminderMessage(facts);
  return [message.subject, message.text, message.html];
}

describe('the expiry reminder email', () => {
  it('names the client, client ID, secret, description, expiry in UTC and days left in the subject, text and HTML', () => {
    for (const part of allParts(secret)) {
      expect(part).toContain('Orders sync');
      expect(part).toContain('default-orders-sync');
      expect(part).toContain('client secret');
      expect(part).toContain('Production');
      expect(part).toContain('22 December 2026, 14:05 UTC');
      expect(part).toContain('in 5 days');
    }
    expect(reminderMessage(secret).subject).toBe(
      'Keyward: client secret "Production" of "Orders sync" (default-orders-sync) expires in 5 days, on 22 December 2026, 14:05 UTC',
    );
  });

  it('says when the credential was last used, or that it never was, in the text and the HTML', () => {
    for (const part of [reminderMessage(secret).text, reminderMessage(secret).html]) {
      expect(part).toMatch(/Last used/);
      expect(part).toContain('3 December 2026, 10:00 UTC');
    }
    const unused = reminderMessage({ ...secret, lastUsedAt: null });
    expect(unused.text).toMatch(/Last used:\s+never/);
    expect(unused.html).toMatch(/Last used<\/td><td[^>]*>never</);
  });

  it('names the certificate and its description in the subject, text and HTML', () => {
    for (const part of allParts(certificate)) {
      expect(part).toContain('Orders sync');
      expect(part).toContain('default-orders-sync');
      expect(part).toContain('certificate');
      expect(part).not.toContain('client secret');
      expect(part).toContain('mTLS gateway');
      expect(part).toContain('22 December 2026, 14:05 UTC');
      expect(part).toContain('in 5 days');
    }
  });

  it('shows the credential hint in both bodies', () => {
    expect(reminderMessage(secret).text).toContain('kwcs_…AbCd');
    expect(reminderMessage(secret).html).toContain('kwcs_…AbCd');
    expect(reminderMessage(certificate).text).toContain('3f9a0c1e5b7d2a4c');
    expect(reminderMessage(certificate).html).toContain('3f9a0c1e5b7d2a4c');
  });

  it('says "in 1 day" on the last day and "in N days" before', () => {
    for (const part of allParts({ ...secret, daysLeft: 1 })) {
      expect(part).toContain('in 1 day');
      expect(part).not.toContain('in 1 days');
    }
    for (const part of allParts({ ...secret, daysLeft: 30 })) expect(part).toContain('in 30 days');
  });

  it('tells a secret holder to create a new secret, switch over and delete the old one', () => {
    const { text, html } = reminderMessage(secret);
    for (const body of [text, html]) {
      expect(body).toContain('Create a new client secret');
      expect(body).toContain('Switch your integration to the new secret');
      expect(body).toContain('Delete the old secret');
      expect(body).not.toContain('certificate');
    }
  });

  it('tells a certificate holder to issue a new certificate that works in parallel, deploy it and delete the old one', () => {
    const { text, html } = reminderMessage(certificate);
    for (const body of [text, html]) {
      expect(body).toContain('Issue a new certificate');
      expect(body).toContain('works in parallel with the old one');
      expect(body).toContain('Deploy the new certificate');
      expect(body).toContain('Delete the old certificate');
      expect(body).not.toContain('secret');
    }
  });

  it('links to the client page in both bodies', () => {
    const { text, html } = reminderMessage(secret);
    expect(text).toContain(`Open the client: ${secret.clientPageUrl}`);
    expect(html).toContain(`<a href="${secret.clientPageUrl}"`);
  });

  it('escapes a client name, description and hint in the HTML so user input cannot inject markup', () => {
    const hostile: ReminderFacts = {
      ...secret,
      clientName: '<script>alert("x")</script> & Co',
      clientId: 'acme-<b>',
      credentialDescription: `<img src=x onerror='alert(1)'>`,
      credentialHint: 'kwcs_…<i>',
    };
    const { html, text } = reminderMessage(hostile);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('acme-&lt;b&gt;');
    expect(html).toContain('&lt;img src=x onerror=&#39;alert(1)&#39;&gt;');
    expect(html).toContain('kwcs_…&lt;i&gt;');
    expect(html).not.toMatch(/<script|<img|<b>|<i>/i);
    // The plain-text part is not markup: it shows the name as typed.
    expect(text).toContain('<script>alert("x")</script> & Co');
  });

  it('escapes the link and uses no scripts or external resources', () => {
    const { html } = reminderMessage({ ...secret, clientPageUrl: 'https://keyward.example.com/clients/1?a=1&b="2"' });
    expect(html).toContain('href="https://keyward.example.com/clients/1?a=1&amp;b=&quot;2&quot;"');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|src=|javascript:|\son[a-z]+=/i);
  });

  it('refuses a client page link that is not http(s)', () => {
    expect(() => reminderMessage({ ...secret, clientPageUrl: 'javascript:alert(1)' })).toThrow(/KEYWARD_PUBLIC_URL/);
  });

  it('leaves out a missing description and hint without writing "undefined" or "null"', () => {
    for (const facts of [secret, certificate]) {
      const parts = allParts({ ...facts, credentialDescription: null, credentialHint: null });
      for (const part of parts) {
        expect(part).not.toMatch(/undefined|null|""|\(\)/);
      }
      expect(parts[0]).toMatch(/^Keyward: (client secret|certificate) of "Orders sync" \(default-orders-sync\) expires in 5 days/);
    }
  });

  it('keeps the subject on one line when a client name contains a line break', () => {
    const { subject } = reminderMessage({ ...secret, clientName: 'Orders\r\nBcc: attacker@example.com' });
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain('Orders Bcc: attacker@example.com');
  });
});
