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

  /** The `createdBy*` columns a record keeps of who created it. */
  toCreatedBy(): CreatedBy {
    return { createdByType: this.type, createdById: this.id, createdByName: this.displayName };
  }

  static fromCreatedBy(record: CreatedBy): Actor {
    return Actor.of(record.createdByType as ActorType, record.createdById ?? null, record.createdByName);
  }
}

export interface CreatedBy {
  createdByType: string;
  createdById?: string | null;
  createdByName: string;
}
