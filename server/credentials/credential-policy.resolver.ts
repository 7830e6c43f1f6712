import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type Connection, toConnection } from '../graphql/connection.js';
import { type GraphQLContext, viewerOf } from '../graphql/context.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { CredentialType } from './credential.entity.js';
import { kindMaxLifetimeDays } from './credential-policy.js';
import type { PolicyViolation } from './credential-policy.service.js';
import {
  CredentialPolicyView,
  CredentialPolicyViolation,
  CredentialPolicyViolationConnection,
  type KeyCurve,
  UpdateCredentialPolicyInput,
} from './credential-policy.types.js';

@Resolver(() => Tenant)
export class CredentialPolicyResolver {
  @FieldResolver(() => CredentialPolicyView, { description: 'The tenant’s credential policy: what new credentials must meet.' })
  credentialPolicy(@Root() tenant: Tenant, @Ctx() ctx: GraphQLContext): CredentialPolicyView {
    const policy = ctx.services.credentialPolicy.policyOf(tenant);
    return {
      allowedKinds: policy.allowedKinds,
      kindLifetimes: Object.values(CredentialType).map((kind) => ({
        kind,
        maxLifetimeDays: policy.maxLifetimeDays[kind] ?? null,
        effectiveMaxLifetimeDays: kindMaxLifetimeDays(policy, kind, tenant.maxCredentialLifetimeDays),
      })),
      minRsaKeyBits: policy.minRsaKeyBits,
      allowedKeyCurves: policy.allowedKeyCurves as KeyCurve[],
      personalApiKeyMaxLifetimeDays: policy.personalApiKeyMaxLifetimeDays,
      effectivePersonalApiKeyMaxLifetimeDays: ctx.services.credentialPolicy.personalKeyMaxDays(tenant),
    };
  }

  @Mutation(() => Tenant, {
    description:
      'Changes the tenant’s credential policy (needs SECURITY_ADMINISTRATION; audited as tenant.policy_updated). It applies to credentials created from now on; existing ones that break it keep working and are listed by credentialPolicyViolations.',
  })
  updateCredentialPolicy(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => UpdateCredentialPolicyInput) input: UpdateCredentialPolicyInput,
  ): Promise<Tenant> {
    return ctx.services.credentialPolicy.update(viewerOf(ctx), ctx.meta, input);
  }

  @Query(() => CredentialPolicyViolationConnection, {
    description:
      'Existing credentials and personal API keys (unexpired, not revoked) that break the tenant’s current credential policy, soonest expiry first (needs SECURITY_ADMINISTRATION).',
  })
  async credentialPolicyViolations(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Connection<CredentialPolicyViolation>> {
    const page = await ctx.services.credentialPolicy.violations(viewerOf(ctx), first, after);
    return toConnection<PolicyViolation>(page, after);
  }
}
