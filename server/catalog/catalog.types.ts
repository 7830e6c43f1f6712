import { Field, InputType } from 'type-graphql';

@InputType()
export class CreateApiResourceInput {
  @Field(() => String, { description: '1–100 characters.' })
  name!: string;

  @Field(() => String, { description: 'The absolute URI access tokens carry in `aud` for this API; unique in the tenant.' })
  audience!: string;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  description?: string | null;
}

@InputType({
  description:
    'Only the fields given change; a null description clears it. The audience can change only while no API client holds the API’s scopes.',
})
export class UpdateApiResourceInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  audience?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class CreateScopeInput {
  @Field(() => String, {
    description: 'Unique in the tenant; an OAuth scope token (no spaces), e.g. orders:read. It never changes once created.',
  })
  name!: string;

  @Field(() => String, { nullable: true, description: 'At most 300 characters.' })
  description?: string | null;
}

@InputType({ description: 'A scope’s name never changes (clients and tokens refer to it); its description may.' })
export class UpdateScopeInput {
  @Field(() => String, { nullable: true, description: 'At most 300 characters; null clears it.' })
  description?: string | null;
}
