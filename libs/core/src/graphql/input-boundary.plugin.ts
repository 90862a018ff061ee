import type { ApolloServerPlugin } from '@apollo/server';
import {
  ArgumentNode,
  ASTNode,
  DocumentNode,
  getNullableType,
  getVariableValues,
  GraphQLError,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { AppError, Errors } from '../errors/app-error';
import { holdsUnsafeText } from '../security/safe-text';

interface Problem {
  field: string;
  message: string;
  node: ASTNode;
}

/**
 * The one gate every argument passes, once the operation is known and before anything runs (the
 * guard, class-validator, SQL, the audit): each string in the coerced arguments (variables and
 * inline literals, nested input objects and lists, field arguments at any depth) is refused with
 * BAD_USER_INPUT naming its path (`input.title`) when it holds a NUL or an unpaired surrogate, or
 * is blank: a required (non-null) string must hold more than whitespace, an optional one may be
 * empty ("" clears a value where a service allows it) but not only whitespace. A date-time must lie
 * in the years 1 to 9999.
 * Variables that do not fit their types, and subscriptions (not served here: BAD_REQUEST), are
 * refused here too.
 */
export function inputBoundaryPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        // A refusal thrown in the executor rejects the hook's promise, as an async hook's throw would.
        didResolveOperation: ({ schema, document, operation, request }) =>
          new Promise<void>((resolve) => {
            if (operation) refuseBadArguments(schema, document, operation, request.variables ?? {});
            resolve();
          }),
      });
    },
  };
}

/** Refuses a subscription, and arguments a client may not send; no operation: execution answers that (BAD_REQUEST). */
function refuseBadArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): void {
  if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
    throw refusal(Errors.badRequest('Subscriptions are not supported here: send a query or a mutation.'), [operation]);
  }
  const problems = argumentProblems(schema, document, operation, variables);
  if (problems.length) {
    const message = problems.map((p) => p.message).join('; ');
    throw refusal(
      Errors.badInput(message, { fields: problems.map((p) => p.field) }),
      problems.map((p) => p.node),
    );
  }
}

/** An AppError as a GraphQL error Apollo can send before execution (the formatter maps its code). */
function refusal(error: AppError, nodes: ASTNode[]): GraphQLError {
  return new GraphQLError(error.message, { nodes, originalError: error, extensions: { http: { status: 400 } } });
}

/** An argument in the operation (or a fragment it may spread), with the type it is coerced to. */
interface ArgumentSite {
  node: ArgumentNode;
  type: GraphQLInputType;
}

/**
 * Where a document's arguments are, per operation: found once per document (Apollo keeps parsed
 * documents, so a repeated query is the same DocumentNode) instead of walking it with the schema's
 * type info on every request (issue 17: the walk was ~5% of a case detail request's time).
 */
const sitesByDocument = new WeakMap<DocumentNode, Map<OperationDefinitionNode, ArgumentSite[]>>();

function argumentSites(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): ArgumentSite[] {
  let perOperation = sitesByDocument.get(document);
  if (!perOperation) sitesByDocument.set(document, (perOperation = new Map<OperationDefinitionNode, ArgumentSite[]>()));
  let sites = perOperation.get(operation);
  if (sites) return sites;
  const found: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Argument: (node) => {
        const arg = typeInfo.getArgument();
        if (arg) found.push({ node, type: arg.type });
        return false;
      },
    }),
  );
  sites = found;
  perOperation.set(operation, sites);
  return sites;
}

function argumentProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Problem[] {
  // Coerced here as execution would; refused here too, since past 50 errors graphql-js reports "too
  // many errors" in words Apollo does not recognise as the client's (INTERNAL).
  const values = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 10 });
  if (values.errors) {
    throw refusal(
      Errors.badInput(values.errors.map((e) => e.message).join('; ')),
      values.errors.flatMap((e) => e.nodes ?? []),
    );
  }
  const { coerced } = values;
  const problems: Problem[] = [];
  for (const { node, type } of argumentSites(schema, document, operation)) {
    const value = node.value.kind === Kind.VARIABLE ? coerced[node.value.name.value] : valueFromAST(node.value, type, coerced);
    inspect(value, type, node.name.value, node, problems);
  }
  return problems;
}

function inspect(value: unknown, type: GraphQLInputType, path: string, node: ASTNode, problems: Problem[]): void {
  if (value === null || value === undefined) return;
  const required = isNonNullType(type);
  const t = getNullableType(type);
  if (isListType(t)) {
    if (Array.isArray(value)) value.forEach((item, i) => inspect(item, t.ofType, `${path}[${i}]`, node, problems));
    return;
  }
  if (isInputObjectType(t)) {
    for (const field of Object.values(t.getFields()))
      inspect((value as Record<string, unknown>)[field.name], field.type, `${path}.${field.name}`, node, problems);
    return;
  }
  if (isEnumType(t)) return;
  if (value instanceof Date) {
    // JavaScript dates reach 271,821 BC; PostgreSQL's timestamps stop at 4713 BC.
    const year = value.getUTCFullYear();
    if (year < 1 || year > 9999) problems.push({ field: path, node, message: `${path} must be a date between the years 1 and 9999` });
    return;
  }
  if (holdsUnsafeText(value))
    problems.push({ field: path, node, message: `${path} contains a character that is not allowed (a NUL or an unpaired surrogate)` });
  else if (typeof value === 'string' && value.trim() === '' && (required || value !== ''))
    problems.push({ field: path, node, message: `${path} must not be blank` });
}
