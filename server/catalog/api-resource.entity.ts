import { randomUUID } from 'node:crypto';
import { Collection, Entity, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Tenant } from '../tenants/tenant.entity.js';
import { Scope } from './scope.entity.js';

@ObjectType({ description: 'An API in the tenant catalog, with the scopes clients may be granted.' })
@Entity({ tableName: 'api_resource' })
@Unique({ properties: ['tenant', 'audience'] })
export class ApiResource {
  [OptionalProps]?: 'builtIn';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Rel<Tenant>;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;

  @Field(() => String, { description: 'The `aud` of access tokens that carry this API’s scopes.' })
  @Property({ type: 'string', length: 300 })
  audience!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  description?: string | null;

  @Field(() => Boolean, { description: 'True for the Keyward Management API, which cannot be changed.' })
  @Property({ type: 'boolean' })
  builtIn: boolean = false;

  @OneToMany(
    () => Scope,
    (scope) => scope.apiResource,
  )
  scopes = new Collection<Scope>(this);
}
