/**
 * The layout every notice email of Keyward shares — expiry reminders (reminders/templates.ts) and the vault's notices
 * (vault/vault-notices.ts): a lead, a table of facts, numbered steps, one link; as plain text and as simple HTML.
 */
export interface NoticeEmail {
  subject: string;
  text: string;
  html: string;
}

export interface NoticeContent {
  /** One line (control characters become spaces: names are user input and must not reach the mail headers). */
  subject: string;
  lead: string;
  rows: [label: string, value: string][];
  steps: string[];
  /** Where the reader acts: an http(s) URL, the words before it in the text, and the button's words. */
  link: { url: string; text: string; button: string };
  footer: string;
}

export function noticeEmail(content: NoticeContent): NoticeEmail {
  const { lead, rows, steps, link, footer } = content;
  if (!/^https?:\/\//i.test(link.url)) {
    // The link goes into an href: anything but http(s) (e.g. javascript:) is a configuration mistake, not something to send.
    throw new Error('The link of a notice email must be an http:// or https:// URL; check KEYWARD_PUBLIC_URL.');
  }
  const subject = oneLine(content.subject);
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
    `${link.text}: ${link.url}`,
    '',
    '-- ',
    footer,
    '',
  ].join('\n');
  const row = (label: string, value: string) =>
    `<tr><td style="padding:4px 16px 4px 0;color:#6b7280;">${escapeHtml(label)}</td><td style="padding:4px 0;">${escapeHtml(value)}</td></tr>`;
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
    `<p><a href="${escapeHtml(link.url)}" style="display:inline-block;padding:8px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px;">${escapeHtml(link.button)}</a></p>`,
    `<p style="font-size:12px;color:#6b7280;">Or copy this link: ${escapeHtml(link.url)}</p>`,
    `<p style="font-size:12px;color:#6b7280;">${escapeHtml(footer)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

function oneLine(value: string): string {
  return value.replace(/\p{Cc}+/gu, ' ');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}
