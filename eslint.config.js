import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'cdk.out/', '.syntor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-throw-literal': 'error',
      // Stubbed out of Lambda bundles (UNUSED_PACKAGE_MODULES in lib/bundling/constants.ts).
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'prom-client', importNames: ['Summary'], message: 'prom-client Summary is left out of Lambda bundles: use a Histogram.' },
          { name: 'pino', importNames: ['transport'], message: 'pino transports are left out of Lambda bundles: pass a destination stream.' },
        ],
      }],
    },
  },
);
