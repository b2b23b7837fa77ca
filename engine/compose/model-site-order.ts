// The model's section order for a project page (pdf-to-web with a model). The page's head (hero,
// abstract, contributions) and tail (BibTeX, references) stay; the sections in between — a text
// block, or a results block with the gallery of its figures — are shown to the model under short
// ids (S1, S2…) with their role, opening sentence and visuals, and it answers the order in which a
// visitor should read them, as JSON. The order must name every section once: unknown, repeated or
// missing ids go back to the model once with the errors, and the document's order stands where
// the answer is still wrong. One request, two with the repair; text only.
import { z } from 'zod';
import { ModelBehaviorError } from '../errors.js';
import { parseToolArgs } from '../providers/json-repair.js';
import type { ModelStreamUpdate } from '../providers/stream-meter.js';
import type { ChatMessage, Provider } from '../providers/types.js';
import { complete, stripSourceMarkers } from './model-writer.js';
import type { Site, SiteBlock } from './types.js';

/** A section of the page: its blocks (a results block keeps its gallery), under a short id. */
export interface SiteUnit {
  id: string;
  heading: string;
  blocks: SiteBlock[];
}

const HEAD = new Set<SiteBlock['kind']>(['hero', 'abstract', 'list']);
const TAIL = new Set<SiteBlock['kind']>(['bibtex', 'references']);

/** The page's blocks as head, movable sections and tail. */
export function siteUnits(site: Site): { head: SiteBlock[]; units: SiteUnit[]; tail: SiteBlock[] } {
  const blocks = site.pages[0]?.blocks ?? [];
  const head: SiteBlock[] = [];
  const tail: SiteBlock[] = [];
  const units: SiteUnit[] = [];
  for (const b of blocks) {
    if (units.length === 0 && HEAD.has(b.kind)) head.push(b);
    else if (TAIL.has(b.kind)) tail.push(b);
    else if (b.kind === 'gallery' && units.length && units.at(-1)!.blocks[0]!.kind === 'results' && b.heading.startsWith(`${units.at(-1)!.heading}:`)) units.at(-1)!.blocks.push(b);
    else units.push({ id: `S${units.length + 1}`, heading: 'heading' in b ? b.heading : b.kind, blocks: [b] });
  }
  return { head, units, tail };
}

const OrderSchema = z.object({ order: z.array(z.string()).min(1, 'the order names no section') });

/** The problems of an answer as an order of `ids` (empty: it is one), and the order it gives. */
export function checkOrder(answer: string, ids: readonly string[]): { order: string[]; errors: string[] } {
  const raw = parseToolArgs(answer.trim() === '' ? 'null' : answer);
  const parsed = raw ? OrderSchema.safeParse(raw) : undefined;
  if (!parsed?.success) return { order: [], errors: [!raw ? 'the answer is not a JSON object' : parsed!.error.issues.map((i) => `${i.path.join('.') || 'answer'}: ${i.message}`).join('; ')] };
  const order = parsed.data.order.map((x) => x.trim().toUpperCase());
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const id of order) {
    if (!ids.includes(id)) errors.push(`${id} is not one of the sections (${ids.join(', ')})`);
    else if (seen.has(id)) errors.push(`${id} is listed twice`);
    seen.add(id);
  }
  const missing = ids.filter((id) => !seen.has(id));
  if (missing.length) errors.push(`the order leaves out ${missing.join(', ')}; name every section once`);
  return { order, errors };
}

export interface SiteOrderResult {
  /** The section ids in the order to show them (the document's order where the model's failed). */
  order: string[];
  units: SiteUnit[];
  outcome: 'model' | 'offline';
  requests: number;
  /** Why the model's order was not used (when it was not), or what its first answer got wrong. */
  problems: string[];
}

/** Asks the model for the page's section order. A bad answer keeps the document's order; server errors throw. */
export async function orderSite(site: Site, provider: Provider, opts: { goal?: string; signal?: AbortSignal; onStream?: (u: ModelStreamUpdate) => void } = {}): Promise<SiteOrderResult> {
  const { units } = siteUnits(site);
  const ids = units.map((u) => u.id);
  const documentOrder: SiteOrderResult = { order: ids, units, outcome: 'offline', requests: 0, problems: [] };
  if (units.length < 3) return documentOrder;
  const describe = (u: SiteUnit): string => {
    const first = u.blocks.flatMap((b) => (b.kind === 'text' || b.kind === 'results' ? b.paragraphs.filter((p) => !p.code) : []))[0]?.text ?? '';
    const shows = u.blocks.flatMap((b) => (b.kind === 'text' || b.kind === 'gallery' ? b.visuals : b.kind === 'results' ? b.tables : [])).map((v) => site.visuals[v]?.label).filter(Boolean);
    return `${u.id}: ${u.heading}${shows.length ? ` (shows ${shows.join(', ')})` : ''} — ${stripSourceMarkers(first).slice(0, 220)}`;
  };
  const prompt = [
    `A project page for "${site.title}". After its title, abstract and contributions come these sections, in the document's order:`,
    ...units.map(describe),
    opts.goal ? `The visitor's goal: ${opts.goal}` : '',
    'Give the order in which a visitor should read them (what the work is and why first, then how, then what it shows). Name every section exactly once.',
    'Answer with one JSON object and nothing else: {"order": ["S1", "S2", …]}',
  ]
    .filter(Boolean)
    .join('\n');
  const system = 'You arrange research project pages. You answer with JSON only.';
  const call = { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onStream ? { onStream: opts.onStream } : {}) };
  const ask = async (messages: ChatMessage[], request: string): Promise<{ text: string; check: ReturnType<typeof checkOrder> }> => {
    try {
      const text = await complete(provider, { system, messages }, request, 'the section order', call);
      return { text, check: checkOrder(text, ids) };
    } catch (err) {
      if (!(err instanceof ModelBehaviorError)) throw err;
      return { text: '', check: { order: [], errors: [err.message] } };
    }
  };
  const first: ChatMessage = { role: 'user', content: prompt };
  const a1 = await ask([first], 'plan:site-order');
  if (a1.check.errors.length === 0) return { order: a1.check.order, units, outcome: 'model', requests: 1, problems: [] };
  opts.signal?.throwIfAborted();
  const fix = ['Your order has these problems:', ...a1.check.errors.map((e) => `- ${e}`), `Answer with the corrected order as one JSON object ({"order": [...]} naming ${ids.join(', ')} once each), nothing else.`].join('\n');
  const a2 = await ask([first, { role: 'assistant', content: a1.text.slice(0, 8000) || '(no answer)' }, { role: 'user', content: fix }], 'plan:site-order-repair');
  if (a2.check.errors.length === 0) return { order: a2.check.order, units, outcome: 'model', requests: 2, problems: a1.check.errors };
  return { ...documentOrder, requests: 2, problems: a2.check.errors };
}

/** The site with its sections in `order` (ids of `siteUnits`); head and tail stay where they are. */
export function applySiteOrder(site: Site, order: readonly string[]): Site {
  const { head, units, tail } = siteUnits(site);
  const byId = new Map(units.map((u) => [u.id, u]));
  const moved = order.map((id) => byId.get(id)).filter((u): u is SiteUnit => u !== undefined);
  if (moved.length !== units.length) return site;
  const page = site.pages[0]!;
  return { ...site, pages: [{ ...page, blocks: [...head, ...moved.flatMap((u) => u.blocks), ...tail] }, ...site.pages.slice(1)] };
}
