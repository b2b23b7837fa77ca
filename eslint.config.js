// Lint rules, including the import boundaries of the house style: data flows one way
// (ingest → models → agent → compose → export), the engine never reaches into electron/,
// renderer/ or skills/, and the renderer talks to the main side only through the contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const zone = (regex, message) => ({ regex, message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'tests/.output/**', 'bench/.output/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        AbortSignal: 'readonly',
        AbortController: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            zone('(^|/)(electron|renderer|skills)(/|$)', 'The engine must not import the app, the UI or skills (see STYLE.md).'),
            zone('^react', 'The engine has no UI.'),
          ],
        },
      ],
    },
  },
  {
    files: ['engine/ingest/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            zone('(^|/)(electron|renderer|skills)(/|$)', 'The engine must not import the app, the UI or skills (see STYLE.md).'),
            zone('(^|/)(agent|compose|export|providers)(/|$)', 'Ingest knows nothing of agents, composition or export.'),
          ],
        },
      ],
    },
  },
  {
    files: ['engine/ingest/**/*.ts'],
    ignores: ['engine/ingest/pdf/pdfjs.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            zone('(^|/)(electron|renderer|skills)(/|$)', 'The engine must not import the app, the UI or skills (see STYLE.md).'),
            zone('(^|/)(agent|compose|export|providers)(/|$)', 'Ingest knows nothing of agents, composition or export.'),
            zone('^pdfjs-dist', 'Only engine/ingest/pdf/pdfjs.ts talks to pdfjs-dist.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            zone('(^|/)(engine|skills)(/|$)', 'The renderer talks to the engine only through the contract in electron/.'),
            zone('^node:', 'The renderer runs in a browser sandbox: no Node APIs.'),
          ],
        },
      ],
    },
  },
  {
    files: ['skills/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [zone('(^|/)(electron|renderer)(/|$)', 'Skills use the engine only, never the app or the UI.')] },
      ],
    },
  },
);
