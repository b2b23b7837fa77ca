// Lint rules, including the import boundaries of the house style: data flows one way
// (ingest → models → agent → compose → export), the engine never reaches into electron/,
// renderer/ or skills/, and the renderer talks to the main side only through the contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const zone = (regex, message) => ({ regex, message });
/** One module of ours wraps each third-party engine library (STYLE.md). */
const only = (pkg, wrapper) => zone(`^${pkg}`, `Only ${wrapper} talks to ${pkg}.`);
const restrict = (files, patterns, ignores) => ({
  files,
  ...(ignores ? { ignores } : {}),
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const ENGINE = [
  zone('(^|/)(electron|renderer|skills)(/|$)', 'The engine must not import the app, the UI or skills (see STYLE.md).'),
  zone('^react', 'The engine has no UI.'),
];
const INGEST = zone('(^|/)(agent|compose|export|providers)(/|$)', 'Ingest knows nothing of agents, composition or export.');
const MODELS = zone('(^|/)(agent|compose|export|providers)(/|$)', 'Models know nothing of agents, composition or export.');
// Below the agent: providers and retrieval know nothing of the agent; exporters nothing of providers.
const BELOW_AGENT = zone('(^|/)(agent|providers)(/|$)', 'Exporters, providers and search know nothing of the agent; exporters know nothing of providers.');

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
  // The engine's layers. ESLint keeps only the last matching 'no-restricted-imports', so every block
  // lists all the zones that apply to its files; the wrapper modules get their layer's zones too.
  restrict(['engine/**/*.ts'], ENGINE),
  restrict(['engine/ingest/**/*.ts'], [...ENGINE, INGEST, only('pdfjs-dist', 'engine/ingest/pdf/pdfjs.ts')], ['engine/ingest/pdf/pdfjs.ts']),
  restrict(['engine/ingest/pdf/pdfjs.ts'], [...ENGINE, INGEST]),
  restrict(['engine/providers/**/*.ts', 'engine/search/**/*.ts'], [...ENGINE, BELOW_AGENT]),
  restrict(['engine/export/**/*.ts'], [...ENGINE, BELOW_AGENT, only('pptxgenjs', 'engine/export/pptx/pptxgen.ts')], ['engine/export/pptx/pptxgen.ts']),
  restrict(['engine/export/pptx/pptxgen.ts'], [...ENGINE, BELOW_AGENT]),
  restrict(['engine/models/**/*.ts'], [...ENGINE, MODELS, only('onnxruntime-node', 'engine/models/ort.ts')], ['engine/models/ort.ts']),
  restrict(['engine/models/ort.ts'], [...ENGINE, MODELS]),
  // The vocabulary is loaded by the contract and the renderer too: zod and its own files only.
  restrict(['engine/vocabulary/**/*.ts'], [zone('^(?!zod$|\\./)', 'The vocabulary imports zod and its own files only: the contract and the renderer load it.')]),
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
  // Type-aware rules (issue 25): a promise nobody awaits loses its error; a switch over a union that
  // misses a member (a new output or source kind) falls through silently; an import cycle makes
  // module start-up order matter. Type-only cycles are allowed: they vanish at run time.
  {
    files: ['engine/**/*.ts', 'electron/**/*.ts', 'skills/**/*.ts', 'renderer/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}', 'bench/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', '*/tsconfig.json', 'tests/*/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
