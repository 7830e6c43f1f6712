import { randomUUID } from 'node:crypto';
import { Collection, Entity, Enum, ManyToMany, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Tenant } from '../tenants/tenant.entity.js';
import { Team } from './team.entity.js';

export enum UserStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}
registerEnumType(UserStatus, { name: 'UserStatus' });

@ObjectType({ description: 'A person who signs in to Keyward.' })
@Entity({ tableName: 'app_user' })
export class User {
  [OptionalProps]?: 'status' | 'mustChangePassword' | 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  /** Stored lowercased; unique across tenants so sign-in needs only email and password. */
  @Field(() => String)
  @Property({ type: 'string', length: 254, unique: true })
  email!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash!: string;

  @Field(() => UserStatus)
  @Enum({ items: () => UserStatus, type: 'string' })
  status: UserStatus = UserStatus.ACTIVE;

  /** Set for a user given a temporary password (createUser): until they choose their own, they can only change it. */
  @Field(() => Boolean, { description: 'True until the user replaces the temporary password they were given.' })
  @Property({ type: 'boolean' })
  mustChangePassword: boolean = false;

  @ManyToMany(
    () => Team,
    (team) => team.members,
  )
  teams = new Collection<Team>(this);

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastSignInAt?: Date | null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
