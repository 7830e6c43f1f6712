import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Failed sign-ins counted per key (`account:<email>` or `ip:<address>`) in a fixed window.
 * Kept in the database so every Keyward process enforces the same limit.
 */
@Entity({ tableName: 'login_failure' })
export class LoginFailureCounter {
  @PrimaryKey({ type: 'string', length: 300 })
  key!: string;

  @Property({ type: 'datetime' })
  windowStartedAt!: Date;

  @Property({ type: 'integer' })
  failures!: number;
}
