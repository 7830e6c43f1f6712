import { randomUUID } from 'node:crypto';
import { Collection, Entity, ManyToMany, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Tenant } from '../tenants/tenant.entity.js';
import type { Permission } from './permissions.js';
import { User } from './user.entity.js';

/** A named set of permissions; a user's permissions are the union of their teams'. */
@Entity({ tableName: 'team' })
@Unique({ properties: ['tenant', 'name'] })
export class Team {
  [OptionalProps]?: 'permissions' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'json' })
  permissions: Permission[] = [];

  @ManyToMany({ entity: () => User, pivotTable: 'team_member', owner: true, inversedBy: 'teams' })
  members = new Collection<User>(this);

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
