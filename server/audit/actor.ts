import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum ActorType {
  USER = 'USER',
  API_KEY = 'API_KEY',
  CLIENT = 'CLIENT',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ActorType, { name: 'ActorType', description: 'Who made a change.' });

@ObjectType({ description: 'Who did something: a user, a user via an API key, an API client, or Keyward itself.' })
export class Actor {
  @Field(() => ActorType)
  type!: ActorType;

  @Field(() => String, { nullable: true })
  id!: string | null;

  @Field(() => String)
  displayName!: string;

  static of(type: ActorType, id: string | null, displayName: string): Actor {
    return Object.assign(new Actor(), { type, id, displayName });
  }

  static readonly system = Actor.of(ActorType.SYSTEM, null, 'Keyward');
}
