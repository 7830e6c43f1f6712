import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { OAuth2Grant as Grant, ApiKeyPlacement as Placement } from './vault.rules.js';
import { VaultCredentialType } from './vault-credential.entity.js';

export enum ApiKeyPlacement {
  HEADER = 'HEADER',
  QUERY = 'QUERY',
}
registerEnumType(ApiKeyPlacement, {
  name: 'ApiKeyPlacement',
  valuesConfig: {
    HEADER: { description: 'Sent as a header of the name given.' },
    QUERY: { description: 'Sent as a query parameter of the name given.' },
  },
});

export enum OAuth2Grant {
  CLIENT_CREDENTIALS = 'CLIENT_CREDENTIALS',
  AUTHORIZATION_CODE = 'AUTHORIZATION_CODE',
}
registerEnumType(OAuth2Grant, {
  name: 'OAuth2Grant',
  valuesConfig: {
    CLIENT_CREDENTIALS: { description: 'Keyward asks for tokens with the client ID and secret alone.' },
    AUTHORIZATION_CODE: { description: 'Someone signs in at the provider once (Connect, with PKCE); Keyward keeps the refresh token.' },
  },
});

const SECRET_KEPT = 'Write-only: never returned. Left out or blank on an update, the stored value is kept.';

@InputType({ description: 'An API key sent as a header or a query parameter.' })
export class VaultApiKeyInput {
  @Field(() => String, { nullable: true, description: `The key. ${SECRET_KEPT}` })
  key?: string | null;

  @Field(() => ApiKeyPlacement, { nullable: true, description: 'HEADER (default) or QUERY.' })
  placement?: Placement | null;

  @Field(() => String, { nullable: true, description: 'The header or query parameter name; default X-API-Key for a header.' })
  name?: string | null;
}

@InputType({ description: 'An OAuth 2.0 client registered at another service.' })
export class VaultOAuth2Input {
  @Field(() => OAuth2Grant, { nullable: true, description: 'CLIENT_CREDENTIALS (default) or AUTHORIZATION_CODE.' })
  grant?: Grant | null;

  @Field(() => String, { nullable: true, description: 'The provider’s token endpoint (https).' })
  tokenUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'The provider’s authorization endpoint; needed for AUTHORIZATION_CODE.' })
  authorizationUrl?: string | null;

  @Field(() => String, { nullable: true })
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: `The client secret. ${SECRET_KEPT}` })
  clientSecret?: string | null;

  @Field(() => [String], { nullable: true, description: 'The scopes to ask for; at most 50.' })
  scopes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Sent as `audience` (Auth0 and others).' })
  audience?: string | null;

  @Field(() => String, { nullable: true, description: 'Sent as `resource` (RFC 8707).' })
  resource?: string | null;
}

@InputType()
export class VaultBearerTokenInput {
  @Field(() => String, { nullable: true, description: `The token. ${SECRET_KEPT}` })
  token?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the token stops working, if the service said.' })
  expiresAt?: Date | null;
}

@InputType()
export class VaultBasicAuthInput {
  @Field(() => String, { nullable: true })
  username?: string | null;

  @Field(() => String, { nullable: true, description: `The password. ${SECRET_KEPT}` })
  password?: string | null;
}

@InputType()
export class VaultHeaderInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: `The value. ${SECRET_KEPT} (for the header of the same name)` })
  value?: string | null;
}

@InputType({ description: 'A vault credential: the common fields and those of its type (give only the one of `type`).' })
export class VaultCredentialInput {
  @Field(() => String, { nullable: true, description: 'Unique in the tenant; 1–100 characters. Required when creating.' })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => VaultCredentialType, { nullable: true, description: 'Required when creating; it cannot change later.' })
  type?: VaultCredentialType | null;

  @Field(() => [String], { nullable: true, description: '1–10 addresses told about renewal failures and expiry. Required when creating.' })
  contactEmails?: string[] | null;

  @Field(() => String, { nullable: true, description: 'What Test calls when given no URL.' })
  testUrl?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it stops being usable; leave out if it does not expire.' })
  expiresAt?: Date | null;

  @Field(() => Boolean, { nullable: true })
  enabled?: boolean | null;

  @Field(() => VaultApiKeyInput, { nullable: true })
  apiKey?: VaultApiKeyInput | null;

  @Field(() => VaultOAuth2Input, { nullable: true })
  oauth2?: VaultOAuth2Input | null;

  @Field(() => VaultBearerTokenInput, { nullable: true })
  bearerToken?: VaultBearerTokenInput | null;

  @Field(() => VaultBasicAuthInput, { nullable: true })
  basicAuth?: VaultBasicAuthInput | null;

  @Field(() => [VaultHeaderInput], { nullable: true, description: 'Up to 10 headers.' })
  customHeaders?: VaultHeaderInput[] | null;
}

@ObjectType({ description: 'The plain settings of a credential’s type; never a secret.' })
export class VaultCredentialSettings {
  @Field(() => ApiKeyPlacement, { nullable: true, description: 'API_KEY: where the key goes.' })
  placement?: Placement | null;

  @Field(() => String, { nullable: true, description: 'API_KEY: the header or query parameter name.' })
  parameterName?: string | null;

  @Field(() => OAuth2Grant, { nullable: true })
  grant?: Grant | null;

  @Field(() => String, { nullable: true })
  tokenUrl?: string | null;

  @Field(() => String, { nullable: true })
  authorizationUrl?: string | null;

  @Field(() => String, { nullable: true })
  clientId?: string | null;

  @Field(() => [String], { nullable: true })
  scopes?: string[] | null;

  @Field(() => String, { nullable: true })
  audience?: string | null;

  @Field(() => String, { nullable: true })
  resource?: string | null;

  @Field(() => Date, { nullable: true, description: 'BEARER_TOKEN: when the token stops working.' })
  tokenExpiresAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'BASIC_AUTH: the user name.' })
  username?: string | null;

  @Field(() => [String], { nullable: true, description: 'CUSTOM_HEADERS: the header names.' })
  headerNames?: string[] | null;
}

@ObjectType()
export class VaultTestResult {
  @Field(() => Boolean, { description: 'True when the service answered 2xx.' })
  ok!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'The HTTP status the service (or, for OAuth2, its token URL) answered; null when it did not answer.',
  })
  status!: number | null;

  @Field(() => Int, { nullable: true, description: 'How long the call took, in milliseconds.' })
  latencyMs!: number | null;

  @Field(() => String, { description: 'What happened, in words; never a secret.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'The URL that answered last (after redirects), without its query.' })
  url!: string | null;
}

@ObjectType()
export class VaultNameValue {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  value!: string;
}

@ObjectType({ description: 'Ready-to-send authorization for calling the other service.' })
export class VaultCredentialAuthorization {
  @Field(() => [VaultNameValue], { description: 'Headers to send.' })
  headers!: VaultNameValue[];

  @Field(() => [VaultNameValue], { description: 'Query parameters to add (an API key sent in the query).' })
  queryParameters!: VaultNameValue[];

  @Field(() => Date, { nullable: true, description: 'Until when it holds (an OAuth2 access token’s expiry); ask again after.' })
  expiresAt!: Date | null;
}
