import { randomUUID } from 'node:crypto';
import { Collection, Entity, ManyToMany, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Permission } from '../kernel/permissions.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { User } from './user.entity.js';

/** A named set of permissions; a user's permissions are the union of their teams'. */
@ObjectType({ description: 'A named set of permissions; a user holds the union of their teams’ permissions.' })
@Entity({ tableName: 'team' })
@Unique({ properties: ['tenant', 'name'] })
export class Team {
  [OptionalProps]?: 'permissions' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @Field(() => String, { description: 'Unique in the tenant; 1–100 characters.' })
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => [Permission])
  @Property({ type: 'json' })
  permissions: Permission[] = [];

  @ManyToMany({ entity: () => User, pivotTable: 'team_member', owner: true, inversedBy: 'teams' })
  members = new Collection<User>(this);

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
