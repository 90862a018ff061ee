import type { ApolloServerPlugin } from '@apollo/server';
import {
  ASTNode, DocumentNode, getNullableType, getVariableValues, GraphQLError, GraphQLInputType, GraphQLSchema, isEnumType, isInputObjectType, isListType,
  isNonNullType, Kind, OperationDefinitionNode, TypeInfo, valueFromAST, visit, visitWithTypeInfo,
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
 * empty ("" clears a value where a service allows it) but not only whitespace.
 * Subscriptions, which this server does not serve, are refused here too (BAD_REQUEST).
 */
export function inputBoundaryPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // no such operation in the document: execution answers that (BAD_REQUEST)
          if (operation.operation === 'subscription') {
            throw refusal(Errors.badRequest('Subscriptions are not supported here: send a query or a mutation.'), [operation]);
          }
          const problems = argumentProblems(schema, document, operation, request.variables ?? {});
          if (problems.length) {
            const message = problems.map((p) => p.message).join('; ');
            throw refusal(Errors.badInput(message, { fields: problems.map((p) => p.field) }), problems.map((p) => p.node));
          }
        },
      };
    },
  };
}

/** An AppError as a GraphQL error Apollo can send before execution (the formatter maps its code). */
function refusal(error: AppError, nodes: ASTNode[]): GraphQLError {
  return new GraphQLError(error.message, { nodes, originalError: error, extensions: { http: { status: 400 } } });
}

function argumentProblems(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): Problem[] {
  const { coerced, errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
  // Variables that do not fit their types are refused by execution itself, with graphql's message.
  if (errors || !coerced) return [];
  const problems: Problem[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(typeInfo, {
    OperationDefinition: (node) => (node === operation ? undefined : false),
    Argument: (node) => {
      const arg = typeInfo.getArgument();
      if (!arg) return false;
      const value = node.value.kind === Kind.VARIABLE ? coerced[node.value.name.value] : valueFromAST(node.value, arg.type, coerced);
      inspect(value, arg.type, node.name.value, node, problems);
      return false;
    },
  }));
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
    for (const field of Object.values(t.getFields())) inspect((value as Record<string, unknown>)[field.name], field.type, `${path}.${field.name}`, node, problems);
    return;
  }
  if (isEnumType(t)) return;
  if (holdsUnsafeText(value)) problems.push({ field: path, node, message: `${path} contains a character that is not allowed (a NUL or an unpaired surrogate)` });
  else if (typeof value === 'string' && value.trim() === '' && (required || value !== '')) problems.push({ field: path, node, message: `${path} must not be blank` });
}
