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
    // Below the agent: model providers and retrieval know nothing of the agent or what is made from
    // its state; exporters know nothing of providers or the agent.
    files: ['engine/providers/**/*.ts', 'engine/search/**/*.ts', 'engine/export/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            zone('(^|/)(electron|renderer|skills)(/|$)', 'The engine must not import the app, the UI or skills (see STYLE.md).'),
            zone('^react', 'The engine has no UI.'),
            zone('(^|/)(agent|providers)(/|$)', 'Exporters, providers and search know nothing of the agent; exporters know nothing of providers.'),
          ],
        },
      ],
    },
  },
  {
    // One module of ours wraps each third-party engine library (STYLE.md): pptxgenjs and onnxruntime-node.
    files: ['engine/export/**/*.ts'],
    ignores: ['engine/export/pptx/pptxgen.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            zone('(^|/)(electron|renderer|skills)(/|$)', 'The engine must not import the app, the UI or skills (see STYLE.md).'),
            zone('^react', 'The engine has no UI.'),
            zone('(^|/)(agent|providers)(/|$)', 'Exporters, providers and search know nothing of the agent; exporters know nothing of providers.'),
            zone('^pptxgenjs', 'Only engine/export/pptx/pptxgen.ts talks to pptxgenjs.'),
          ],
        },
      ],
    },
  },
  {
    files: ['engine/models/**/*.ts'],
    ignores: ['engine/models/ort.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            zone('(^|/)(electron|renderer|skills)(/|$)', 'The engine must not import the app, the UI or skills (see STYLE.md).'),
            zone('^react', 'The engine has no UI.'),
            zone('(^|/)(agent|compose|export|providers)(/|$)', 'Models know nothing of agents, composition or export.'),
            zone('^onnxruntime-node', 'Only engine/models/ort.ts talks to onnxruntime-node.'),
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
            zone('(^|/)electron/(?!contract/)', 'The renderer reaches the main side only through electron/contract.'),
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
