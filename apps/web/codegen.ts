import type { CodegenConfig } from '@graphql-codegen/cli';
import { resolve } from 'node:path';

const here = (p: string) => resolve(__dirname, p);

/** Typed documents from the committed schema snapshot (docs/schema.graphql) and the console's own operations. */
const config: CodegenConfig = {
  schema: here('../../docs/schema.graphql'),
  documents: [here('src/**/*.{ts,tsx}'), '!' + here('src/gql/**/*')],
  ignoreNoDocuments: true,
  generates: {
    [here('src/gql') + '/']: {
      preset: 'client',
      config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;
