import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Tenant } from '../tenants/tenant.entity.js';
import { Session } from '../users/session.entity.js';
import { User } from '../users/user.entity.js';
import { VaultCredential } from './vault-credential.entity.js';

/**
 * One Connect of an OAUTH2 credential waiting for the provider to send the person back (docs/vault.md#connect). Only
 * the state's SHA-256 is kept, so a copy of the table cannot finish anyone's Connect; the PKCE verifier is sealed.
 */
@Entity({ tableName: 'vault_connect_state' })
export class VaultConnectState {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** SHA-256 (hex) of the `state` sent to the provider. */
  @Unique()
  @Property({ type: 'string', length: 64 })
  stateHash!: string;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @ManyToOne(() => VaultCredential, { deleteRule: 'cascade' })
  credential!: Rel<VaultCredential>;

  /** The person who clicked Connect: only their sign-in session finishes it. */
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  /** Their sign-in session when they clicked it: signing out ends the Connect with it. */
  @ManyToOne(() => Session, { deleteRule: 'cascade' })
  session!: Rel<Session>;

  /** The PKCE code_verifier, sealed for the credential (vault-seal.ts, column `connect`). */
  @Property({ type: 'text', hidden: true })
  sealedVerifier!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Index()
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  /** Set when the provider's answer came back: a state is good once, whatever the answer. */
  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date | null;
}
