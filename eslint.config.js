// Lint: the TypeScript and React-hooks rules, plus the project's own import rules (node-forge only as a default
// import, never where untrusted bytes are read; Ink and @inquirer only behind the wizard's dynamic import).

import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NAMED_FORGE = {
  name: 'node-forge',
  importNames: ['pki', 'asn1', 'md', 'util', 'jsbn'],
  message: "import forge from 'node-forge' (named imports pass tsc and vitest but fail under plain node)",
};

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'coverage/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: {'react-hooks': reactHooks},
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
      'no-restricted-imports': ['error', {paths: [NAMED_FORGE]}],
    },
  },
  {
    // Domain code is UI-free; commands load the front ends with import() only when the wizard runs.
    files: ['src/{plan,pki,x509,openssl,output,generate,install,learn,kube}/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {paths: [NAMED_FORGE], patterns: [{group: ['ink', 'react', '@inkjs/*', '@inquirer/*', '**/ui/ink/**'], message: 'no front end outside src/ui (the wizard command imports it dynamically)'}]}],
    },
  },
  {
    // The reader side handles certificates we did not make: node-forge never sees them.
    files: ['src/x509/{der,pem,structure,profile,oids,ca-facts}.ts', 'src/output/**/*.ts', 'src/pki/**/*.ts'],
    // (Last, so it wins over the domain-wide rule above for these files.)
    rules: {
      'no-restricted-imports': ['error', {paths: [{name: 'node-forge', message: 'never parse untrusted input with node-forge'}],
        patterns: [{group: ['ink', 'react', '@inkjs/*', '@inquirer/*'], message: 'no front end in domain code'}]}],
    },
  },
  {
    files: ['test/**/*.{ts,tsx,mjs}', 'bench/**/*.js', 'bin/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: {globals: {process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', setImmediate: 'readonly', performance: 'readonly'}},
    rules: {'@typescript-eslint/no-non-null-assertion': 'off'},
  },
);
