// The CLI's help, apart from its commands: the `keyward` launcher prints it without loading the database and ORM code.

export const HELP = `Keyward operator commands

Usage: npm run keyward -- <command> [options]

  tenant create --slug <slug> --name <name> --admin-email <email> [--admin-name <name>] [--admin-password <pw>]
      Create a tenant with its catalog, an Administrators team and its first admin.
      Without --admin-password a password is generated and printed once.
  user reset-password --email <email> [--password <pw>]
      Set a new password (generated and printed once when not given) and end the user's sessions.
  audit verify [--tenant <slug>]
      Recompute the audit hash chains (HMAC-SHA-256, keyed from KEYWARD_MASTER_KEY: use the server's key);
      names the first event that does not verify and its tenant. Exit code 1 when one is broken.
  audit head [--tenant <slug>]
      Print each tenant's (or one tenant's) latest audit hash and event count. Keep it somewhere else as an
      anchor: the event with that number must keep that hash, and the count never goes down.
  keys rotate [--tenant <slug>] [--now]
      Make a new token-signing key for the tenant (default: the first tenant, the root issuer), of the
      tenant's token signing algorithm. The key is published in the tenant's JWKS at once and signs new
      tokens only after the JWKS cache lifetime plus a margin, so resource servers fetch it first; the
      previous key stays published until every token it signed has expired (24 h plus the margin).
      --now signs with the new key at once, for an emergency (a leaked key): resource servers holding a
      cached JWKS refuse the new tokens until they fetch it again.
  reminders run
      Run the expiry-reminder scan now and send every reminder that is due (the scheduler does this hourly).
  housekeeping run
      Delete what is no longer needed now: revocations of expired tokens, sign-in failure counters older than
      7 days, ended sessions (the scheduler does this hourly).
  ca print
      Print the CA certificates (root, then intermediate) as PEM: what clients and servers trust.
  schema print [--out <file>]
      Print the GraphQL contract (schema.graphql) generated from the resolvers.
  --help
      Show this text.

The database is DATABASE_URL, or the embedded one under KEYWARD_DATA_DIR (default ./.keyward);
stop a running Keyward first when it uses the embedded database.
`;

/** `keyward`, `keyward help` and any command with --help show the help. */
export function wantsHelp(argv: string[]): boolean {
  const [group] = argv;
  return !group || group === '--help' || group === 'help' || argv.includes('--help');
}
