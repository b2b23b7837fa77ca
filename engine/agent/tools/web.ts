// The network tools (offered only to runs with network access): read_webpage and open_url add a
// page as a source of the run; web_search asks the configured search provider.
import path from 'node:path';
import { z } from 'zod';
import * as ingest from '../../ingest/index.js';
import { ToolError, tool, type ToolContext, type ToolOutput } from './context.js';

async function webIngest(url: string, ctx: ToolContext): Promise<ToolOutput> {
  if (!ctx.state.network) throw new ToolError('network access is off for this run (start it with --network to read web pages)');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ToolError(`not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ToolError('only http(s) URLs can be opened');
  const known = ctx.state.sources.find((s) => s.file === url || s.path === url);
  if (known) return { result: { sourceId: known.id, title: known.title, note: 'already a source of this run' }, summary: `${url}: already source ${known.id}` };
  const r = await ingest.ingestUrl(url, { signal: ctx.signal, network: true });
  let id = r.doc.id;
  while (ctx.docs.has(id)) id = `${r.doc.id}-${ctx.docs.size + 1}`;
  r.doc.id = id;
  const docDir = await ingest.writeDocumentFolder(path.join(ctx.runDir, 'sources'), r.doc, r.assets);
  ctx.docs.set(id, r.doc);
  ctx.state.sources.push({ id, title: r.doc.title, kind: r.doc.kind, file: r.doc.file, docDir, path: url, pageCount: r.doc.pageCount });
  ctx.index.add(r.doc);
  ctx.emit('read', { message: `read ${url}`, sourceId: id, pages: r.doc.pages.map((p) => p.index), figures: [] });
  return { result: { sourceId: id, title: r.doc.title, pages: r.doc.pageCount, text: ingest.documentToMarkdown(r.doc).slice(0, 6000) }, summary: `${url} → source ${id}` };
}

export const readWebpage = tool({
  name: 'read_webpage',
  network: true,
  description: 'Read a web page and add it as a source (only when the run allows network access).',
  schema: z.object({ url: z.string() }),
  run: (args, ctx) => webIngest(args.url, ctx),
});

export const openUrl = tool({
  name: 'open_url',
  network: true,
  description: 'Open a URL found in a source or a search result and add it as a source (network runs only).',
  schema: z.object({ url: z.string() }),
  run: (args, ctx) => webIngest(args.url, ctx),
});

export const webSearch = tool({
  name: 'web_search',
  network: true,
  description: 'Search the web (only when network access is allowed and a search provider is configured).',
  schema: z.object({ query: z.string().min(1), k: z.number().int().min(1).max(10).default(5) }),
  async run(args, ctx) {
    if (!ctx.state.network) throw new ToolError('network access is off for this run (start it with --network)');
    if (!ctx.webSearch) throw new ToolError('no web search provider is configured; use read_webpage with a known URL instead');
    ctx.emit('notice', { message: `web search (${ctx.webSearch.name}): ${args.query.slice(0, 120)}` });
    const hits = await ctx.webSearch.search(args.query, { signal: ctx.signal, k: args.k });
    return { result: { results: hits }, summary: `${hits.length} web results (${ctx.webSearch.name})` };
  },
});
