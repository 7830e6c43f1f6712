import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Permission } from '../auth/permissions.js';
import { User } from '../auth/user.entity.js';

@InputType()
export class CreateUserInput {
  @Field(() => String, { description: 'The address the person signs in with; unique across Keyward.' })
  email!: string;

  @Field(() => String, { description: '1–100 characters.' })
  name!: string;

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description: 'The teams the user joins; their permissions are the union of these teams’.',
  })
  teamIds?: string[] | null;
}

@ObjectType({ description: 'A new user and the temporary password to hand over; it is shown only here, once.' })
export class CreateUserPayload {
  @Field(() => User)
  user!: User;

  @Field(() => String, { description: 'Shown once. The user must replace it with a password of their own at first sign-in.' })
  temporaryPassword!: string;
}

@InputType({ description: 'Only the fields given change. `teamIds` replaces the user’s teams.' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [ID], { nullable: true })
  teamIds?: string[] | null;
}

@InputType()
export class CreateTeamInput {
  @Field(() => String, { description: 'Unique in the tenant; 1–100 characters.' })
  name!: string;

  @Field(() => [Permission], { nullable: true, defaultValue: [] })
  permissions?: Permission[] | null;
}

@InputType({ description: 'Only the fields given change. `permissions` replaces the team’s permissions.' })
export class UpdateTeamInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [Permission], { nullable: true })
  permissions?: Permission[] | null;
}

@InputType({ description: 'Only the limits given change. Each is at least 1 and at most the system maximum.' })
export class UpdateTenantSettingsInput {
  @Field(() => Int, { nullable: true, description: 'At most 1000; not below the number of API clients the tenant holds.' })
  maxClients?: number | null;

  @Field(() => Int, { nullable: true, description: 'At most 20; not below the number of credentials any API client holds.' })
  maxCredentialsPerClient?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'At most 365. Applies to credentials created from now on; existing ones keep their expiry.',
  })
  maxCredentialLifetimeDays?: number | null;
}
