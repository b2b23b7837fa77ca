// `folio doctor`: what the model engine can run on this machine. Lists the execution providers,
// every model found (built-in and the user's folder) with path, size, sha256, the provider it
// loaded on and one smoke inference time, and any model folder that cannot be used. Exits 1 when
// a required model fails.
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ModelHost, resolveProvider } from '../../engine/models/host.js';
import { parseProvider, platformProviders, providersInBuild, type ProviderName, type Tensor } from '../../engine/models/ort.js';
import { builtinModelsDir, loadRegistry, sha256File, smokeShapes, userModelsDir } from '../../engine/models/registry.js';
import { UserInputError } from '../../engine/errors.js';

interface ModelReport {
  name: string;
  task: string;
  source: string;
  required: boolean;
  path: string;
  bytes: number;
  sha256: string;
  provider?: string;
  fallbacks?: string[];
  loadMs?: number;
  smokeMs?: number;
  smokeShape?: Record<string, number[]>;
  error?: string;
}

export async function doctorCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, provider: { type: 'string' } } });
  let forced: ProviderName | undefined;
  if (values.provider !== undefined && values.provider !== 'auto') {
    const p = parseProvider(values.provider);
    if (!p) throw new UserInputError(`doctor: --provider must be cpu, cuda, dml, coreml or auto (got ${values.provider})`);
    forced = p;
  }
  const provider = resolveProvider(forced);
  const userDir = userModelsDir();
  const registry = await loadRegistry({ userDir });
  const logs: string[] = [];
  const host = new ModelHost({ userDir, ...(provider ? { provider } : {}), log: (m) => logs.push(m) });
  const reports: ModelReport[] = [];
  try {
    for (const m of registry.entries) {
      const r: ModelReport = {
        name: m.name,
        task: m.task,
        source: m.source,
        required: m.manifest.required,
        path: m.modelFile,
        bytes: (await stat(m.modelFile)).size,
        sha256: await sha256File(m.modelFile),
      };
      try {
        const info = await host.load(m.name);
        r.provider = info.provider;
        r.loadMs = info.loadMs;
        r.fallbacks = info.attempts.filter((a) => !a.ok).map((a) => `${a.provider}: ${a.reason ?? 'failed'}`);
        const shapes = smokeShapes(m.manifest);
        const feeds: Record<string, Tensor> = {};
        for (const [name, dims] of Object.entries(shapes)) feeds[name] = { data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims };
        const t0 = performance.now();
        await host.infer(m.name, feeds);
        r.smokeMs = performance.now() - t0;
        r.smokeShape = shapes;
      } catch (err) {
        r.error = err instanceof Error ? err.message : String(err);
      }
      reports.push(r);
    }
  } finally {
    await host.close();
  }
  const problems = registry.problems.map((p) => ({ name: p.name, dir: p.dir, error: p.error.message }));
  const failedRequired = reports.filter((r) => r.required && r.error);
  const missingTasks = (['ocr-detection', 'ocr-recognition'] as const).filter((t) => !registry.has(t));
  const ok = failedRequired.length === 0 && missingTasks.length === 0;
  if (values.json) {
    process.stdout.write(
      JSON.stringify(
        {
          ok,
          providers: { inBuild: providersInBuild(), tried: provider ? [provider] : platformProviders(), forced: provider },
          modelsDirs: { builtin: builtinModelsDir(), user: userDir },
          models: reports,
          problems,
          missingTasks,
        },
        null,
        2,
      ) + '\n',
    );
    return ok ? 0 : 1;
  }
  const out: string[] = [];
  out.push('Execution providers');
  out.push(`  in this onnxruntime-node build: ${providersInBuild().map((b) => `${b.name}${b.bundled ? '' : ' (needs separate libraries)'}`).join(', ')}`);
  out.push(`  tried in order: ${(provider ? [provider] : platformProviders()).join(' → ')}${provider ? ' (forced by --provider or FOLIO_EP)' : ' (set FOLIO_EP=cpu|cuda|dml|coreml to force one)'}`);
  for (const l of logs) out.push(`  note: ${l}`);
  out.push('');
  out.push(`Models (built-in: ${builtinModelsDir()}; yours: ${userDir})`);
  for (const r of reports) {
    const status = r.error ? 'FAILED' : 'ok';
    out.push(`  ${r.name}  [${r.task}${r.required ? ', required' : ''}, ${r.source}]  ${status}`);
    out.push(`    file     ${r.path}`);
    out.push(`    size     ${(r.bytes / 1e6).toFixed(2)} MB   sha256 ${r.sha256}`);
    if (r.error) {
      out.push(`    error    ${r.error}`);
    } else {
      const shape = Object.values(r.smokeShape ?? {}).map((d) => `[${d.join('×')}]`).join(' ');
      out.push(`    provider ${r.provider}   load ${r.loadMs?.toFixed(0)} ms   smoke inference ${r.smokeMs?.toFixed(1)} ms on ${shape}`);
    }
  }
  if (reports.length === 0) out.push('  (none found)');
  if (problems.length > 0) {
    out.push('');
    out.push('Model folders that cannot be used');
    for (const p of problems) out.push(`  ${p.name}: ${p.error}`);
  }
  for (const t of missingTasks) out.push(`\nfolio: no ${t} model is installed: OCR is unavailable (run npm ci to restore the built-in models)`);
  if (failedRequired.length > 0) out.push(`\nfolio: ${failedRequired.length} required model${failedRequired.length === 1 ? '' : 's'} failed: ${failedRequired.map((r) => r.name).join(', ')}`);
  out.push(ok ? '\nOCR is ready.' : '');
  process.stdout.write(out.join('\n') + '\n');
  return ok ? 0 : 1;
}
