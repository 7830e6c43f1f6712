import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { ApiClient } from '../clients/api-client.entity.js';

/**
 * A client assertion's `jti`, kept until the assertion's `exp` so the same assertion is refused a second time, by any
 * process (the primary key is the refusal); swept by housekeeping once expired.
 */
@Entity({ tableName: 'client_assertion' })
export class UsedClientAssertion {
  @ManyToOne(() => ApiClient, { primary: true, deleteRule: 'cascade' })
  apiClient!: Rel<ApiClient>;

  @PrimaryKey({ type: 'string', length: 255 })
  jti!: string;

  @Property({ type: 'datetime', index: true })
  expiresAt!: Date;
}
