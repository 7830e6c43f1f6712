import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { User } from './user.entity.js';

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
@Entity({ tableName: 'session' })
export class Session {
  [OptionalProps]?: 'publicId' | 'createdAt' | 'lastSeenAt';

  @PrimaryKey({ type: 'string', length: 64 })
  tokenHash!: string;

  /** How the owner names this session (list, revoke): not derived from the token, so it reveals nothing about it. */
  @Property({ type: 'uuid', unique: true })
  publicId: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: Rel<User>;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', index: true })
  expiresAt!: Date;

  /** Last request with this session, to within a minute (written at most once a minute); drives the idle timeout. */
  @Property({ type: 'datetime' })
  lastSeenAt: Date = new Date();

  @Property({ type: 'string', length: 64, nullable: true })
  ipAddress?: string | null;

  @Property({ type: 'string', length: 512, nullable: true })
  userAgent?: string | null;
}
