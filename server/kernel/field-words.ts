/** Words kept in capitals when a field name is written out. */
const ACRONYMS: Record<string, string> = { api: 'API', id: 'ID', ids: 'IDs', ip: 'IP', csr: 'CSR', url: 'URL', uri: 'URI' };

/**
 * A field's machine name in people's words, for a message that must name a field it was not written for (a check
 * run on every text input): `contactEmails` → "Contact emails", `filter.apiClientId` → "API client ID". The
 * refusal's extensions.field keeps the machine name.
 */
export function fieldInWords(field: string): string {
  const last = field.split('.').pop() || field;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((word) => ACRONYMS[word] ?? word);
  if (words.length === 0) return 'This value';
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}
