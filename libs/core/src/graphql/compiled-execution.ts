import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  execute,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  Kind,
  lexicographicSortSchema,
  OperationTypeNode,
  typeFromAST,
  visit,
  BREAK,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { WindowThrottlerStorage } from '../security/window-throttler-storage';

/**
 * New compilations allowed per minute, server-wide: a few milliseconds each, on the event loop, so a
 * client sending new documents twice over cannot make compilation its load. The screens and hot
 * reads are a few dozen documents, compiled in the first minutes. Counted in the rate limits' own
 * fixed-window store.
 */
const MAX_COMPILES_PER_MINUTE = 60;

/** Asked once, may run compiled next time. */
const SEEN_ONCE = Symbol('seen once');
/** An operation's state: seen once, compiled, or null (runs through graphql-js). */
type Compilation = CompiledQuery | typeof SEEN_ONCE | null;

/**
 * Execution compiled per query document (graphql-jit; docs/adr/0027) behind Apollo Server, through
 * the one seam Apollo offers for it: the gateway interface, whose `executor` runs a request Apollo
 * has already parsed, validated (graphql-armor's limits included) and passed through every plugin's
 * hooks. Apollo keeps the HTTP handling, the document cache, the plugins and the error format; only
 * the walk over the selection set changes, from graphql-js's interpretation per field to one
 * function generated per query, which reads plain fields directly and calls a resolver only where
 * a field has one (the schema's resolvers are the same: Nest's guards, pipes and loaders included).
 *
 * A compiled query is kept per parsed document and operation name: Apollo's document store hands the
 * same DocumentNode for the same query text, so the cache is bounded by that store (a WeakMap).
 */
export class CompiledExecution {
  private schema?: GraphQLSchema;
  private readonly compiled = new WeakMap<DocumentNode, Map<string, Compilation>>();
  /** Compilations run on the event loop: at most MAX_COMPILES_PER_MINUTE, the rest wait (graphql-js runs them meanwhile). */
  private readonly budget = new WindowThrottlerStorage();

  /** Nest's `transformSchema`: the schema it built, kept (sorted, as Nest serves it) for the gateway; Nest's own is unchanged. */
  readonly captureSchema = (schema: GraphQLSchema): GraphQLSchema => {
    // Nest sorts the schema it serves (sortSchema) only after this hook: the same order here.
    this.schema = lexicographicSortSchema(schema);
    return schema;
  };

  /** Runs one request Apollo has validated: compiled once per document, then called. */
  readonly executor: GatewayExecutor = async (request) => {
    const schema = this.requireSchema();
    const { document } = request;
    // Undefined when the document has no operation of the name asked for (typed as always there).
    const operation = request.operation as OperationDefinitionNode | undefined;
    const variableValues = request.request.variables ?? {};
    // The name the client asked for (the context's `operationName` is that of the operation found).
    const operationName = request.request.operationName ?? undefined;
    const compiled = operation && this.compiledFor(document, operation, operationName);
    if (!compiled) return execute({ schema, document, contextValue: request.context, variableValues, operationName });
    // graphql-js coerces the variables (its errors, as Apollo expects them); jit then runs the query.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variableValues);
    if (coerced.errors) return { errors: coerced.errors };
    const result = await compiled.query(undefined, request.context, variableValues);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
  };

  /** Whether a document's operation has run compiled (for tests). */
  isCompiled(document: DocumentNode, operationName?: string): boolean {
    const c = this.compiled.get(document)?.get(operationName ?? '');
    return c !== undefined && c !== null && c !== SEEN_ONCE;
  }

  /** The Apollo gateway that serves the captured schema with the compiled executor. */
  gateway(): GatewayInterface {
    return {
      load: () => Promise.resolve({ schema: this.requireSchema(), executor: this.executor }),
      onSchemaLoadOrUpdate: (callback) => {
        callback({ apiSchema: this.requireSchema(), coreSupergraphSdl: '' });
        return () => undefined;
      },
      stop: () => Promise.resolve(),
    };
  }

  /**
   * The compiled query for an operation that may run compiled, else undefined (graphql-js runs it).
   * A document is compiled the second time it is asked, not the first, within a budget of
   * compilations per minute: a query the console or a client repeats pays for its compilation once,
   * a stream of one-off documents (a fuzzer) costs none, and documents sent twice over cost at most
   * the budget.
   */
  private compiledFor(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    operationName: string | undefined,
  ): CompiledQuery | undefined {
    const key = operationName ?? '';
    let byName = this.compiled.get(document);
    if (!byName) this.compiled.set(document, (byName = new Map<string, Compilation>()));
    const known = byName.get(key);
    if (known !== undefined && known !== SEEN_ONCE) return known ?? undefined;
    if (known === undefined) {
      byName.set(key, runsCompiled(this.requireSchema(), document, operation) ? SEEN_ONCE : null);
      return undefined;
    }
    if (this.budget.take('compilations', 60_000, MAX_COMPILES_PER_MINUTE, 0, 'graphql-jit', 1).record.isBlocked) return undefined;
    const compiled = compileQuery(this.requireSchema(), document, operationName);
    byName.set(key, isCompiledQuery(compiled) ? compiled : null);
    return isCompiledQuery(compiled) ? compiled : undefined;
  }

  private requireSchema(): GraphQLSchema {
    if (!this.schema) throw new Error('CompiledExecution: the schema was not built yet (transformSchema did not run)');
    return this.schema;
  }
}

/**
 * graphql-jit reports its errors as objects shaped like graphql-js's but built by its own constructor
 * (no `extensions` when the cause has none, which Apollo's error normalization reads): each becomes
 * the GraphQLError graphql-js itself would have reported, with its path, locations and cause, so
 * Apollo and formatGraphQLError see exactly what they see from graphql-js's execution.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const cause = error.originalError;
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: cause,
    // jit leaves them undefined when the cause has none; graphql-js then takes the cause's own.
    extensions: error.extensions,
  });
  if (error.locations?.length) (converted as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return converted;
}

/**
 * Whether an operation runs compiled: the only query of its document (mutations keep graphql-js's
 * execution, field by field in order, as they always have), with no string, no input object and no
 * directive written in the document; values come in variables of scalar and enum types.
 * - graphql-jit writes literal arguments into the code it generates (JSON.stringify, then a pattern
 *   that turns a marked string into `new Date(...)`), so a string literal made to match that pattern
 *   would become code: no document with a string literal is compiled (a variable is never pasted).
 * - It coerces input objects its own way: a non-null input field with a default is reported missing
 *   instead of taking the default, and its messages differ from graphql-js's.
 * - It keeps `@skip` / `@include` conditions on the document's field nodes, which a fragment used in
 *   two places (or by two operations of one document) would combine.
 * Everything else goes the proven way; the reads the screens and the benchmark repeat pass their
 * ids in variables.
 */
function runsCompiled(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== OperationTypeNode.QUERY) return false;
  if (document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length !== 1) return false;
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (!type || isInputObjectType(getNamedType(type))) return false;
  }
  const refused = { found: false };
  const refuse = () => {
    refused.found = true;
    return BREAK;
  };
  visit(document, { StringValue: refuse, ObjectValue: refuse, Directive: refuse });
  return !refused.found;
}
