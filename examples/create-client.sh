#!/usr/bin/env bash
# Creates an API client with one client secret through Keyward's GraphQL API, and prints the secret,
# which Keyward shows only this once. Needs bash, curl and jq.
#
# Authenticate with ONE of:
#   KEYWARD_API_KEY=kwpat_…        a personal API key (My API keys in the SPA); acts as you, with your permissions
#   KEYWARD_CLIENT_ID=… KEYWARD_CLIENT_SECRET=kwcs_…
#                                  an API client granted keyward:clients.create and keyward:secrets.create
#                                  (the Keyward Management API); the script first gets an access token
#
# Usage: KEYWARD_URL=http://localhost:4000 KEYWARD_API_KEY=kwpat_… \
#          examples/create-client.sh "Billing export" ops@example.com [days-until-the-secret-expires, default 90]
set -euo pipefail

url="${KEYWARD_URL:-http://localhost:4000}"
name="${1:?Usage: $0 <client name> <contact email> [secret lifetime in days]}"
email="${2:?Usage: $0 <client name> <contact email> [secret lifetime in days]}"
days="${3:-90}"

if [ -n "${KEYWARD_API_KEY:-}" ]; then
  bearer="$KEYWARD_API_KEY"
elif [ -n "${KEYWARD_CLIENT_ID:-}" ] && [ -n "${KEYWARD_CLIENT_SECRET:-}" ]; then
  # client_secret_basic; the secret goes to curl as a config file, so it never shows in the process list.
  token_response=$(curl -sS -K <(printf 'user = "%s:%s"\n' "$KEYWARD_CLIENT_ID" "$KEYWARD_CLIENT_SECRET") \
    --data-urlencode grant_type=client_credentials \
    --data-urlencode "scope=keyward:clients.create keyward:secrets.create" \
    "$url/oauth2/token")
  bearer=$(jq -r '.access_token // empty' <<<"$token_response")
  if [ -z "$bearer" ]; then
    echo "Keyward refused the token request: $(jq -r '"\(.error): \(.error_description)"' <<<"$token_response")" >&2
    exit 1
  fi
else
  echo "Set KEYWARD_API_KEY, or KEYWARD_CLIENT_ID and KEYWARD_CLIENT_SECRET." >&2
  exit 2
fi

# POSTs one GraphQL operation; prints its data, or its errors (to stderr) and exits 1.
graphql() {
  local response
  response=$(curl -sS -K <(printf 'header = "Authorization: Bearer %s"\n' "$bearer") -H 'Content-Type: application/json' \
    --data "$(jq -n --arg query "$1" --argjson variables "$2" '{query: $query, variables: $variables}')" \
    "$url/graphql")
  if jq -e '.errors | length > 0' <<<"$response" >/dev/null; then
    jq -r '.errors[] | "Keyward: \(.message) (\(.extensions.code // "error")\(if .extensions.field then ", field \(.extensions.field)" else "" end))"' <<<"$response" >&2
    exit 1
  fi
  jq '.data' <<<"$response"
}

client=$(graphql 'mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { id clientId } }' \
  "$(jq -n --arg name "$name" --arg email "$email" '{input: {name: $name, contactEmails: [$email]}}')")
id=$(jq -r '.createApiClient.id' <<<"$client")
client_id=$(jq -r '.createApiClient.clientId' <<<"$client")

expires_at=$(jq -nr --argjson days "$days" 'now + $days * 86400 | floor | todate')
secret=$(graphql 'mutation($id: ID!, $expiresAt: DateTimeISO!) { createClientSecret(clientId: $id, input: { expiresAt: $expiresAt }) { secret credential { expiresAt } } }' \
  "$(jq -n --arg id "$id" --arg expiresAt "$expires_at" '{id: $id, expiresAt: $expiresAt}')")

echo "client_id=$client_id"
echo "client_secret=$(jq -r '.createClientSecret.secret' <<<"$secret")"
echo "expires_at=$(jq -r '.createClientSecret.credential.expiresAt' <<<"$secret")"
echo "Store the secret now: Keyward shows it only this once." >&2
