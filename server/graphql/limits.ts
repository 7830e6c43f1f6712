import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { PAGE_SIZE } from '../db/pagination.js';

export interface QueryLimits {
  /** Deepest field nesting allowed (`{ viewer { user { id } } }` is 3 deep). */
  maxDepth: number;
  /** Largest estimated number of field values one operation may return. */
  maxCost: number;
  /** Leave `__schema`/`__type` out of the measure (development, where introspection is on). */
  ignoreIntrospection: boolean;
  /** The least a top-level (root) field counts for, however few values it returns: see ROOT_FIELD_COST. */
  rootFieldCost: number;
}

/**
 * Every top-level field of a query or mutation runs a resolver of its own, with its own database queries and
 * permission checks, so it counts as at least this many field values: under the default limit of 10,000 an
 * operation runs at most 40 of them, however cheap each looks (`a0: viewer { id } … a49: viewer { id }`). The SPA's
 * operations use one or two.
 */
export const ROOT_FIELD_COST = 250;

/**
 * How many items a list without paging (`ApiClient.scopes`, `Credential.reminders`, `AuditEvent.changes`)
 * is assumed to hold: these are one record's own small collections, bounded by tenant limits.
 */
export const UNPAGED_LIST_ESTIMATE = 10;

/** One factor of the estimate, named so a refusal can say which part of the query made it large. */
interface Factor {
  size: number;
  why: string;
  /** From a `first` argument (a connection page) rather than an unpaged list. */
  paged: boolean;
  /** A literal `first` above the largest page: the fix is smaller pages. */
  pageTooLarge?: boolean;
}

interface Measure {
  /** Estimated field values with every factor applied, top-level fields counted at least `rootFieldCost`. */
  cost: number;
  /** The same without that floor, and the top-level fields it applies to (both 0 below the top level's own). */
  unfloored: number;
  rootFields: number;
  /** The largest product of factors on one path, and those factors, for the message. */
  worst: number;
  worstFactors: Factor[];
}

const EMPTY: Measure = { cost: 0, unfloored: 0, rootFields: 0, worst: 1, worstFactors: [] };

const isIntrospection = (name: string) => name === '__schema' || name === '__type';

function formatCount(n: number): string {
  return n >= 1e12 ? 'more than 1,000,000,000,000' : Math.round(n).toLocaleString('en-US');
}

/** Whether @skip/@include with a literal condition leaves the selection out; a variable condition counts it (worst case). */
function skipped(node: { directives?: readonly { name: { value: string }; arguments?: readonly { value: ValueNode }[] }[] }): boolean {
  for (const directive of node.directives ?? []) {
    const condition = directive.arguments?.[0]?.value;
    if (condition?.kind !== Kind.BOOLEAN) continue;
    if (directive.name.value === 'skip' && condition.value) return true;
    if (directive.name.value === 'include' && !condition.value) return true;
  }
  return false;
}

/**
 * Refuses operations nested deeper than `maxDepth`, or whose estimated size is above `maxCost`. The estimate
 * counts each field once per item it may be returned for: a field with a `first` argument multiplies the
 * lists below it by `first` (50 when absent, the default page; 100 when a variable, the largest page), and a
 * list without paging multiplies its fields by UNPAGED_LIST_ESTIMATE, and a top-level field counts at least
 * `rootFieldCost`. Fragments are followed; each is measured once, so a document of fragments spreading fragments
 * stays cheap to check.
 */
export function queryLimits(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const fragmentDepths = new Map<string, number>();
    const fragmentMeasures = new Map<string, Measure>();
    const inProgress = new Set<string>();

    const fragment = (name: string): FragmentDefinitionNode | undefined => context.getFragment(name) ?? undefined;

    function depthOf(selectionSet: SelectionSetNode | undefined): number {
      if (!selectionSet) return 0;
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (limits.ignoreIntrospection && isIntrospection(selection.name.value)) continue;
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value));
        }
      }
      return deepest;
    }

    function fragmentDepth(name: string): number {
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      const definition = fragment(name);
      // A fragment cycle or an unknown fragment is reported by graphql-js's own rules.
      if (!definition || inProgress.has(name)) return 0;
      inProgress.add(name);
      const depth = depthOf(definition.selectionSet);
      inProgress.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    }

    /** The page size a field with a `first` argument asks for, and how that was decided. */
    function pageFactor(field: FieldNode, operation: OperationDefinitionNode): Factor {
      const name = field.alias ? `${field.alias.value}: ${field.name.value}` : field.name.value;
      const argument = field.arguments?.find((a) => a.name.value === 'first');
      const value = argument?.value;
      if (!value || value.kind === Kind.NULL) {
        return { paged: true, size: PAGE_SIZE.default, why: `${name} first: ${PAGE_SIZE.default} by default` };
      }
      if (value.kind === Kind.INT) {
        const size = Math.max(1, Number(value.value));
        return { paged: true, size, why: `${name} first: ${value.value}`, pageTooLarge: size > PAGE_SIZE.max };
      }
      if (value.kind === Kind.VARIABLE) {
        const declared = operation.variableDefinitions?.find((v) => v.variable.name.value === value.name.value)?.defaultValue;
        if (declared?.kind === Kind.INT) {
          const size = Math.max(1, Number(declared.value));
          return { paged: true, size, why: `${name} first: $${value.name.value} = ${declared.value}`, pageTooLarge: size > PAGE_SIZE.max };
        }
        return { paged: true, size: PAGE_SIZE.max, why: `${name} first: $${value.name.value}, up to ${PAGE_SIZE.max}` };
      }
      return { paged: true, size: PAGE_SIZE.max, why: `${name} first: up to ${PAGE_SIZE.max}` };
    }

    /**
     * The estimate for one selection set, per item of its parent. `page` is the page size of the connection
     * the selection set belongs to: its list fields (`edges`) hold that many items. `root`: the operation's own
     * selection set (or a fragment spread into it), whose fields each count at least `rootFieldCost`.
     */
    function measure(
      selectionSet: SelectionSetNode | undefined,
      parentType: GraphQLNamedType | null | undefined,
      page: Factor | null,
      operation: OperationDefinitionNode,
      root = false,
    ): Measure {
      if (!selectionSet) return EMPTY;
      let cost = 0;
      let unfloored = 0;
      let rootFields = 0;
      let worst = 1;
      let worstFactors: Factor[] = [];
      const worse = (inner: Measure, factor: Factor | null) => {
        const size = factor?.size ?? 1;
        if (size * inner.worst > worst) {
          worst = size * inner.worst;
          worstFactors = factor ? [factor, ...inner.worstFactors] : inner.worstFactors;
        }
      };
      /** A fragment's fields belong to this selection set: at the top level, each keeps its own floor. */
      const addFragment = (inner: Measure) => {
        cost += inner.cost;
        unfloored += inner.unfloored;
        rootFields += inner.rootFields;
        worse(inner, null);
      };
      /** One field: itself, and its selection `size` times; a top-level one counted at least the floor. */
      const addField = (isRoot: boolean, inner: Measure = EMPTY, factor: Factor | null = null) => {
        const own = 1 + (factor?.size ?? 1) * inner.cost;
        cost += isRoot ? Math.max(limits.rootFieldCost, own) : own;
        unfloored += own;
        if (isRoot) rootFields += 1;
        worse(inner, factor);
      };
      for (const selection of selectionSet.selections) {
        if (skipped(selection)) continue;
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
          addFragment(measure(selection.selectionSet, type, page, operation, root));
          continue;
        }
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          addFragment(fragmentMeasure(selection.name.value, page, operation, root));
          continue;
        }
        if (limits.ignoreIntrospection && isIntrospection(selection.name.value)) continue;
        const definition: GraphQLField<unknown, unknown> | undefined =
          parentType && (isObjectType(parentType) || isInterfaceType(parentType))
            ? parentType.getFields()[selection.name.value]
            : undefined;
        // `__typename` (and a field that does not exist, which validation reports) runs no resolver: no floor.
        const isRoot = root && definition !== undefined;
        const childType = definition && getNamedType(definition.type);
        if (!definition || !selection.selectionSet || !isCompositeType(childType)) {
          addField(isRoot);
          continue;
        }
        const returnType = getNullableType(definition.type);
        const paged = definition.args.some((a) => a.name === 'first') ? pageFactor(selection, operation) : null;
        let factor: Factor | null = null;
        let childPage: Factor | null = null;
        if (isListType(returnType)) {
          const name = selection.name.value;
          factor = paged ?? page ?? { paged: false, size: UNPAGED_LIST_ESTIMATE, why: `${name} ~${UNPAGED_LIST_ESTIMATE} each` };
        } else {
          childPage = paged;
        }
        addField(isRoot, measure(selection.selectionSet, childType, childPage, operation), factor);
      }
      return { cost, unfloored, rootFields, worst, worstFactors };
    }

    function fragmentMeasure(name: string, page: Factor | null, operation: OperationDefinitionNode, root: boolean): Measure {
      // A fragment's measure depends on its context only through the connection page it sits in, and whether it
      // is spread at the top level (where its fields count at least the floor).
      const key = `${name}\u0000${page?.why ?? ''}\u0000${root}`;
      const known = fragmentMeasures.get(key);
      if (known) return known;
      const definition = fragment(name);
      if (!definition || inProgress.has(name)) return EMPTY;
      inProgress.add(name);
      const result = measure(definition.selectionSet, schema.getType(definition.typeCondition.name.value), page, operation, root);
      inProgress.delete(name);
      fragmentMeasures.set(key, result);
      return result;
    }

    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(
              `This query is nested ${depth} levels deep; the limit is ${limits.maxDepth}. Ask for fewer nested fields, or make several requests.`,
              { nodes: [operation] },
            ),
          );
          // Deeper than allowed: the size estimate would only repeat the refusal.
          return false;
        }
        const rootType = schema.getRootType(operation.operation);
        fragmentMeasures.clear();
        const { cost, unfloored, rootFields, worstFactors } = measure(operation.selectionSet, rootType, null, operation, true);
        if (cost > limits.maxCost && unfloored <= limits.maxCost) {
          // Only the floor of its many top-level fields makes this operation too large.
          const most = Math.max(1, Math.floor(limits.maxCost / Math.max(1, limits.rootFieldCost)));
          context.reportError(
            new GraphQLError(
              `This operation has ${formatCount(rootFields)} top-level fields, and each counts as at least ${formatCount(limits.rootFieldCost)} fields, ` +
                `so it costs about ${formatCount(cost)}; the limit is ${formatCount(limits.maxCost)} (at most ${formatCount(most)} top-level fields). ` +
                'Ask for fewer top-level fields, or split the operation into several requests.',
              { nodes: [operation] },
            ),
          );
        } else if (cost > limits.maxCost) {
          const culprit = worstFactors.length > 0 ? ` (${worstFactors.map((f) => f.why).join(' × ')})` : '';
          const fix = worstFactors.some((f) => f.pageTooLarge)
            ? `Ask for smaller pages (first ≤ ${PAGE_SIZE.max}) and follow pageInfo.endCursor.`
            : worstFactors.some((f) => f.paged)
              ? 'Ask for smaller pages, fewer fields or fewer nested lists, and follow pageInfo.endCursor for the rest.'
              : 'Ask for fewer fields or fewer nested lists, or make several requests.';
          context.reportError(
            new GraphQLError(
              `This query could return about ${formatCount(cost)} fields${culprit}; the limit is ${formatCount(limits.maxCost)}. ${fix}`,
              { nodes: [operation] },
            ),
          );
        }
        return false;
      },
    };
  };
}
