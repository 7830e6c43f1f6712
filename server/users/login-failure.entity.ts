import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Failed sign-ins counted per key (`account:<email>` or `ip:<address>`) in a fixed window: each attempt takes its
 * try before its password is checked (server/users/login-budget.ts), and the failure that uses up the budget locks the key.
 * Kept in the database so every Keyward process enforces the same limit.
 */
@Entity({ tableName: 'login_failure' })
export class LoginFailureCounter {
  [OptionalProps]?: 'pending' | 'pendingAt' | 'lockedUntil' | 'lockouts';

  @PrimaryKey({ type: 'string', length: 300 })
  key!: string;

  @Property({ type: 'datetime' })
  windowStartedAt!: Date;

  @Property({ type: 'integer' })
  failures!: number;

  /** Tries taken and being checked now; they hold their place in the budget until they turn out right or wrong. */
  @Property({ type: 'integer', default: 0 })
  pending: number = 0;

  /** When the last pending try was taken: tries older than a few seconds belong to a process that stopped. */
  @Property({ type: 'datetime', nullable: true })
  pendingAt?: Date | null;

  /** Set when the budget ran out: until then every attempt is refused without checking a password. */
  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  /** Lockouts in a row (each ending less than a day before the next), which pick the next one's length. */
  @Property({ type: 'integer', default: 0 })
  lockouts: number = 0;
}
