import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Permission } from '../kernel/permissions.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { User } from '../users/user.entity.js';

/** Derived when read, never stored, so it is never stale. */
export enum PersonalApiKeyStatus {
  VALID = 'VALID',
  SUSPENDED = 'SUSPENDED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(PersonalApiKeyStatus, {
  name: 'PersonalApiKeyStatus',
  description: 'Whether a personal API key works now.',
  valuesConfig: {
    VALID: { description: 'Works as a Bearer token on /graphql, with the permissions chosen for it that its owner still holds.' },
    SUSPENDED: { description: 'Its owner’s account is disabled; it works again when the account is enabled.' },
    EXPIRED: { description: 'Past its expiry; it no longer works. Create a new key.' },
    REVOKED: { description: 'Revoked by its owner; it never works again.' },
  },
});

/** A key a user made for their own scripts (docs/concepts.md#personal-api-keys). The key itself is never stored, only its keyed hash. */
@ObjectType('PersonalApiKey', {
  description:
    'A personal API key: acts as its owner, with the permissions chosen for it that the owner still holds, when sent as `Authorization: Bearer` on /graphql. Its value is shown once, when it is created or regenerated.',
})
@Entity({ tableName: 'personal_api_key' })
@Index({ properties: ['owner', 'createdAt'] })
export class PersonalApiKey {
  [OptionalProps]?: 'createdAt' | 'regeneratedAt' | 'revokedAt' | 'lastUsedAt' | 'lastUsedIp';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  owner!: Rel<User>;

  @Field(() => String, { description: 'What the key is for, e.g. "ERP integration" (1–100 characters).' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { description: '`kwpat_…` and the key’s last four characters, to tell keys apart.' })
  @Property({ type: 'string', length: 20 })
  hint!: string;

  /**
   * The permissions chosen when the key was made (docs/permissions.md#personal-api-key-permissions), in enum order; kept when it is regenerated. A request
   * with the key gets those the owner still holds then, so leaving a team narrows every key at once.
   */
  @Field(() => [Permission], {
    description:
      'The permissions chosen for the key. On each request it acts with those of them its owner still holds; it never gains one its owner gets later.',
  })
  @Property({ type: ArrayType })
  permissions!: Permission[];

  /** Versioned keyed hash (`hmac-sha256.v1$…`) of the key; how a presented key is found. */
  @Property({ type: 'string', length: 100, unique: true, hidden: true })
  tokenHash!: string;

  @Field(() => Date, { description: 'When the key was created.' })
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When the key last got a new value; the previous value stopped working then.' })
  @Property({ type: 'datetime', nullable: true })
  regeneratedAt?: Date | null;

  @Field(() => Date, { description: 'When the key stops working.' })
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; it never works again.' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was last used (recorded at most once a minute).' })
  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The network address the key was last used from.' })
  @Property({ type: 'string', length: 64, nullable: true })
  lastUsedIp?: string | null;
}
