import { Field, InputType, ObjectType } from 'type-graphql';
import { PersonalApiKey } from './personal-api-key.entity.js';

@InputType()
export class CreatePersonalApiKeyInput {
  @Field(() => String, { description: 'What the key is for, e.g. "ERP integration": 1–100 characters.' })
  name!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'When the key stops working: in the future, at most 365 days ahead. Leave it out for 90 days from now.',
  })
  expiresAt?: Date | null;
}

@ObjectType({ description: 'A personal API key and its value, which is shown only here, once.' })
export class CreatePersonalApiKeyPayload {
  @Field(() => PersonalApiKey)
  apiKey!: PersonalApiKey;

  @Field(() => String, {
    description:
      'The key itself (`kwpat_…`), to send as `Authorization: Bearer <token>`. Shown only in this response: Keyward stores only a keyed hash.',
  })
  token!: string;
}
