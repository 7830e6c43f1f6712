import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Credential } from './credential.entity.js';

@InputType()
export class CreateClientSecretInput {
  @Field(() => String, { nullable: true, description: 'At most 200 characters, e.g. where the secret is used.' })
  description?: string | null;

  @Field(() => Date, {
    description: 'When the secret stops working: in the future, at most 365 days ahead (or the tenant’s lower maximum).',
  })
  expiresAt!: Date;
}

@InputType()
export class RotateClientSecretInput {
  @Field(() => String, { nullable: true, description: 'For the new secret; defaults to the old secret’s description.' })
  description?: string | null;

  @Field(() => Date, { description: 'When the new secret stops working.' })
  expiresAt!: Date;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 168,
    description: 'How long the old secret keeps working, in hours: 0–168 (7 days, the default). It never lasts past its own expiry.',
  })
  gracePeriodHours?: number | null;
}

@ObjectType()
export class CreateClientSecretPayload {
  @Field(() => Credential)
  credential!: Credential;

  @Field(() => String, { description: 'The secret itself. Shown only in this response: Keyward stores only a keyed hash.' })
  secret!: string;
}

@ObjectType()
export class RotateClientSecretPayload extends CreateClientSecretPayload {
  @Field(() => Credential, { description: 'The rotated secret, now expiring at the end of the grace period.' })
  previous!: Credential;
}
