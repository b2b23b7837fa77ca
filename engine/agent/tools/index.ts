// The research agent's tools, keyed by the name the model calls them by (as vercel/ai's ToolSet):
// ToolName is the registry's keys, so a stop condition such as hasToolCall('finish') is checked by
// the compiler, and a tool whose declared name differs from its key does not compile. One file per
// tool (the network ones together in web.ts); what they share is context.ts and pages.ts.
import { z } from 'zod';
import { AbortedError, FolioError } from '../../errors.js';
import type { ToolSpec } from '../../providers/types.js';
import { addNote } from './add-note.js';
import { ToolError, type ToolContext, type ToolDef, type ToolOutput } from './context.js';
import { cropImage } from './crop-image.js';
import { finish } from './finish.js';
import { listSources } from './list-sources.js';
import { ocrRegion } from './ocr-region.js';
import { readPage } from './read-page.js';
import { searchSources } from './search-sources.js';
import { selectVisual } from './select-visual.js';
import { updatePlan } from './update-plan.js';
import { viewFigure } from './view-figure.js';
import { openUrl, readWebpage, webSearch } from './web.js';

export { ToolError, type ToolContext, type ToolImage, type ToolOutput } from './context.js';
export { norm1000 } from './pages.js';
/** A pluggable web search; none is configured by default. */
export type { WebSearchProvider } from '../../providers/web-search.js';

/** The registry's type: each tool under its own name. */
function byName<T extends { [K in keyof T]: { name: K } }>(tools: T): T {
  return tools;
}

/** In the order the model is shown them. */
const TOOLS = byName({
  list_sources: listSources,
  update_plan: updatePlan,
  search_sources: searchSources,
  read_page: readPage,
  view_figure: viewFigure,
  crop_image: cropImage,
  ocr_region: ocrRegion,
  add_note: addNote,
  select_visual: selectVisual,
  read_webpage: readWebpage,
  open_url: openUrl,
  web_search: webSearch,
  finish,
});

export type ToolName = keyof typeof TOOLS;

// Each entry is checked by its own schema when it runs; seen together they differ only in that.
type AnyTool = ToolDef<ToolName, z.ZodType>;
const ALL = Object.values(TOOLS) as AnyTool[];

export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(TOOLS, name);
}

export function toolSpecs(opts: { network: boolean }): ToolSpec[] {
  return ALL.filter((t) => opts.network || !t.network).map((t) => {
    const schema = z.toJSONSchema(t.schema, { io: 'input' }) as Record<string, unknown>;
    delete schema.$schema;
    return { name: t.name, description: t.description, parameters: schema };
  });
}

export type ToolCallOutcome = { ok: true; output: ToolOutput } | { ok: false; error: string };

/** Runs one tool call. Model mistakes come back as { ok: false } for the model to read; a cancel throws. */
export async function runTool(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<ToolCallOutcome> {
  if (!isToolName(name)) return { ok: false, error: `unknown tool "${name}" (tools: ${ALL.map((x) => x.name).join(', ')})` };
  const t: AnyTool = TOOLS[name];
  const parsed = t.schema.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `invalid arguments for ${name}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}` };
  }
  try {
    return { ok: true, output: await t.run(parsed.data, ctx) };
  } catch (err) {
    if (err instanceof AbortedError || ctx.signal.aborted) throw err instanceof AbortedError ? err : new AbortedError();
    if (err instanceof ToolError || err instanceof FolioError) return { ok: false, error: err.message };
    // An unexpected failure inside a tool is reported to the model and in the trace, not swallowed.
    return { ok: false, error: `${name} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
