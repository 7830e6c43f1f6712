import { Field, InputType, ObjectType } from 'type-graphql';
import { Permission } from '../kernel/permissions.js';
import { PersonalApiKey } from './personal-api-key.entity.js';

@InputType()
export class CreatePersonalApiKeyInput {
  @Field(() => String, { description: 'What the key is for, e.g. "ERP integration": 1–100 characters.' })
  name!: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the key stops working: in the future, at most 365 days ahead, or the tenant’s `maxCredentialLifetimeDays` when that is shorter. Leave it out for 90 days from now (or that maximum when shorter).',
  })
  expiresAt?: Date | null;

  @Field(() => [Permission], {
    nullable: true,
    description:
      'What the key may do: at least one of the permissions you hold (naming one you lack is FORBIDDEN). Leave it out for all of yours except SECURITY_ADMINISTRATION, which a key gets only when it is named here.',
  })
  permissions?: Permission[] | null;
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
