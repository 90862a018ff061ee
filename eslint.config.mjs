// @ts-check
// Lint: typescript-eslint's strict type-checked rules, with the few that do not pay here relaxed
// (see docs/adr/0015-lint-and-format.md). Formatting is Prettier's alone.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/web/src/gql/**', 'test/gql/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Nest modules are classes that only carry decorators.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // GraphQL object and input types are classes only to carry Nest's decorators; resolvers return plain objects of their shape.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // TanStack Router's redirect() is made to be thrown from beforeLoad (it is a Response, not an Error).
      '@typescript-eslint/only-throw-error': [
        'error',
        { allow: [{ from: 'package', package: '@tanstack/router-core', name: 'Redirect' }] },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // It reports what the React Compiler would skip; the console does not use the compiler.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    // Tests read answers they have just asserted the shape of.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.test.ts', '**/*.test.tsx', 'apps/web/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // The types describe a server that answers as its schema says; a test is there to check that
      // it does, so `r.data?.x ?? null` on a non-null field, or `t?.close()` after a beforeAll that
      // may have failed, is the point, not a redundancy.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  prettier,
);
