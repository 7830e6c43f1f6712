import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ApiClient } from '../clients/api-client.entity.js';
import { connectionType } from '../graphql/connection.js';
import { Credential, CredentialType } from './credential.entity.js';
import type { UnusedCredentialFinding } from './unused-credentials.js';

@ObjectType({
  description:
    'A credential not used for the tenant’s unusedCredentialDays (counted from its creation if it was never used): enabled, not expired, or disabled by this finding.',
})
export class UnusedCredential {
  @Field(() => ID, { description: 'The credential’s id.' })
  id!: string;

  @Field(() => Credential)
  credential!: Credential;

  @Field(() => ApiClient, { description: 'The API client it belongs to.' })
  apiClient!: ApiClient;

  @Field(() => CredentialType)
  type!: CredentialType;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it last authenticated at the token endpoint; null = never.' })
  lastUsedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Int, { description: 'Whole days since its last use, or since its creation if it was never used.' })
  unusedDays!: number;

  @Field(() => Boolean, { description: 'Disabled by this finding, because the tenant disables unused credentials.' })
  autoDisabled!: boolean;

  static from(finding: UnusedCredentialFinding): UnusedCredential {
    const { credential } = finding;
    return Object.assign(new UnusedCredential(), {
      id: credential.id,
      credential,
      apiClient: finding.client,
      type: credential.type,
      description: credential.description ?? null,
      lastUsedAt: credential.lastUsedAt ?? null,
      createdAt: credential.createdAt,
      unusedDays: finding.unusedDays,
      autoDisabled: finding.autoDisabled,
    });
  }
}

export const UnusedCredentialConnection = connectionType('UnusedCredential', UnusedCredential);
