import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Tenant } from '../tenants/tenant.entity.js';
import type { ApiResource } from './api-resource.entity.js';

/** A scope name is unique in its tenant, so an OAuth `scope` parameter is never ambiguous. */
@ObjectType({ description: 'A permission an API client can be granted on one API.' })
@Entity({ tableName: 'scope' })
@Unique({ properties: ['tenant', 'name'] })
export class Scope {
  [OptionalProps]?: 'apiResourceId';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @ManyToOne({ entity: 'ApiResource', deleteRule: 'cascade' })
  apiResource!: Rel<ApiResource>;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  description?: string | null;

  @Field(() => ID)
  get apiResourceId(): string {
    return this.apiResource.id;
  }
}
