import type { CodegenConfig } from '@graphql-codegen/cli';
import { resolve } from 'node:path';

const here = (p: string) => resolve(__dirname, p);

/**
 * Typed documents for the API tests: every `graphql(...)` document in test/ is checked against the
 * committed schema snapshot (docs/schema.graphql) and gets its result and variables types in
 * test/gql/ (generated, not committed: `npm run codegen:test`, also run by `npm run build` and by
 * jest's global setup).
 */
const config: CodegenConfig = {
  schema: here('../docs/schema.graphql'),
  documents: [here('**/*.ts'), '!' + here('gql/**/*'), '!' + here('codegen.ts')],
  ignoreNoDocuments: true,
  // Only graphql(...) documents: the suites' own `gql` helpers take untyped and deliberately broken queries too.
  pluckConfig: {
    globalGqlIdentifierName: 'graphql',
    modules: [
      { name: './gql', identifier: 'graphql' },
      { name: '../gql', identifier: 'graphql' },
    ],
  },
  generates: {
    [here('gql') + '/']: {
      preset: 'client',
      config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;
