import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { connectionType } from '../graphql/connection.js';
import { Actor, type ActorType } from '../kernel/actor.js';
import type { AuditEvent } from './audit-event.entity.js';

@ObjectType({ description: 'What an event was about.' })
export class AuditTarget {
  @Field(() => String, { description: 'API_CLIENT, CREDENTIAL, USER, TEAM, TENANT, …' })
  type!: string;

  @Field(() => String)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

@ObjectType({ description: 'One field changed by an event. Secret values never appear here.' })
export class AuditChange {
  @Field(() => String)
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  from!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  to!: unknown;
}

@ObjectType('AuditEvent', { description: 'An append-only, hash-chained record of a change.' })
export class AuditEventView {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => Actor)
  actor!: Actor;

  @Field(() => String, { description: 'e.g. client.created, client.updated, auth.login_failed' })
  action!: string;

  @Field(() => AuditTarget, { nullable: true })
  target!: AuditTarget | null;

  @Field(() => ID, { nullable: true, description: 'The API client the event concerns, if any.' })
  apiClientId!: string | null;

  @Field(() => [AuditChange])
  changes!: AuditChange[];

  @Field(() => String, { nullable: true })
  ipAddress!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  static from(event: AuditEvent): AuditEventView {
    return Object.assign(new AuditEventView(), {
      id: event.id,
      occurredAt: event.occurredAt,
      actor: Actor.of(event.actorType as ActorType, event.actorId ?? null, event.actorName),
      action: event.action,
      target: event.targetType ? { type: event.targetType, id: event.targetId ?? '', name: event.targetName ?? null } : null,
      apiClientId: event.apiClientId ?? null,
      changes: Object.entries(event.changes ?? {}).map(([field, change]) => ({ field, from: change.from, to: change.to })),
      ipAddress: event.ipAddress ?? null,
      userAgent: event.userAgent ?? null,
      requestId: event.requestId ?? null,
    });
  }
}

export const AuditEventConnection = connectionType('AuditEvent', AuditEventView);

@InputType({ description: 'All given conditions must hold.' })
export class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: 'Events about this API client (by its id) and its credentials.' })
  apiClientId?: string | null;

  @Field(() => String, { nullable: true, description: 'Events by this actor id (a user, API key or client id).' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'An exact action such as client.updated, or a prefix ending in * such as client.*' })
  action?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this instant.' })
  to?: Date | null;
}
