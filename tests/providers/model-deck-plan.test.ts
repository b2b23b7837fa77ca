// pdf-to-ppt with a model: the slide plan is the model's. Against the scripted server, whose
// answers are built from the ids the planning prompt lists (as a model would): a faithful plan
// becomes the deck (its titles, its bullets, each citing a page that holds the quote); a plan with
// bad ids is sent back once with its errors, and what is still wrong falls back to offline slides
// with a trace line saying which and why; garbage gives the offline deck and a warning.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runSkill } from '../../skills/registry.js';
import type { SkillEvent } from '../../skills/types.js';
import { readDocumentFolder } from '../../engine/ingest/index.js';
import { composeDocument } from '../../engine/compose/document.js';
import { checkPlan, planInput } from '../../engine/compose/model-deck-plan.js';
import type { Deck } from '../../engine/compose/types.js';
import { corpus } from '../helpers/corpus.js';
import { answer, startScriptedServer, type ReceivedRequest, type Reply, type ScriptedServer, type Turn } from './scripted-server.js';

const DPR = corpus('papers/unstructured_multi-column_DPR.pdf');
const SLIDES = 8; // title, outline, references and 3–5 content slides
const tmp = (p: string) => mkdtempSync(path.join(os.tmpdir(), `folio-${p}-`));
const provider = (url: string) => ({ kind: 'openai-compatible' as const, baseUrl: url, model: 'scripted-vl', retryBaseMs: 10, timeoutMs: 20_000 });

let folder = '';
let offline: Deck;
beforeAll(async () => {
  // Read once, offline; the model runs reuse the document folder (and the offline deck is the baseline).
  const out = tmp('plan-offline');
  await runSkill('pdf-to-ppt', { inputs: [DPR], options: { slides: SLIDES }, outDir: out });
  folder = path.join(out, 'sources', readdirSync(path.join(out, 'sources'))[0]!);
  offline = JSON.parse(readFileSync(path.join(out, 'deck.json'), 'utf8')) as Deck;
}, 120_000);

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Listed {
  sections: { heading: string; evidence: { id: string; page: number; text: string; mentions: string[] }[]; visuals: string[] }[];
  visuals: { id: string; label: string; table: boolean }[];
  text: string;
}

/** What the planning prompt offers: sections with their evidence ids, visuals with theirs. */
function listed(r: ReceivedRequest): Listed {
  const user = r.body.messages.find((m) => m.role === 'user')!;
  const text = typeof user.content === 'string' ? user.content : ((user.content as { type: string; text?: string }[])[0]!.text ?? '');
  const out: Listed = { sections: [], visuals: [], text };
  for (const line of text.split('\n')) {
    const sec = /^## (.+) \((\w+), pp\. [^;)]+(?:; visuals ([V\d, ]+))?\)$/.exec(line);
    if (sec) out.sections.push({ heading: sec[1]!, evidence: [], visuals: sec[3]?.split(', ') ?? [] });
    const ev = /^(E\d+) \(p\. (\d+)(?:, mentions ([V\d, ]+))?\): (.+)$/.exec(line);
    if (ev) out.sections.at(-1)!.evidence.push({ id: ev[1]!, page: Number(ev[2]), text: ev[4]!, mentions: ev[3]?.split(', ') ?? [] });
    const v = /^(V\d+): (.+?)( \(a table with cells\))?, p\. \d+/.exec(line);
    if (v) out.visuals.push({ id: v[1]!, label: v[2]!, table: v[3] !== undefined });
  }
  return out;
}

interface PlanSlide {
  title: string;
  layout: string;
  visual: string | null;
  bullets: { text: string; cites: string[] }[];
}

/** A faithful plan from the prompt's own ids: the intro, a table, the figure, the conclusion. */
function faithful(l: Listed): PlanSlide[] {
  const sec = (re: RegExp) => l.sections.find((s) => re.test(s.heading))!;
  const intro = sec(/Introduction/);
  const setup = sec(/Experimental Setup/);
  const retrieval = sec(/Passage Retrieval/);
  const concl = sec(/Conclusion/);
  const table = l.visuals.find((v) => v.table && setup.visuals.includes(v.id))!;
  const figure = l.visuals.find((v) => /^Figure/.test(v.label))!;
  return [
    { title: 'Why retrieval limits open-domain QA', layout: 'bullets', visual: null, bullets: intro.evidence.slice(0, 3).map((e, i) => ({ text: `Planned intro point ${i + 1} from the paper`, cites: [e.id] })) },
    { title: 'Five QA datasets, one Wikipedia dump', layout: 'table', visual: table.id, bullets: [{ text: 'Planned point on the datasets table', cites: [setup.evidence.at(-1)!.id] }] },
    { title: 'Few examples already beat BM25', layout: 'visual-half', visual: figure.id, bullets: [{ text: 'Planned point on the training-size figure', cites: [retrieval.evidence[0]!.id] }] },
    { title: 'What dense retrieval achieves', layout: 'bullets', visual: null, bullets: concl.evidence.slice(0, 2).map((e, i) => ({ text: `Planned conclusion ${i + 1}`, cites: [e.id] })) },
  ];
}

const json = (x: unknown): Reply => ({ kind: 'sse', chunks: answer({ text: `\`\`\`json\n${JSON.stringify(x)}\n\`\`\`` }) });
const WRITER: Turn = { name: 'writer', reply: { kind: 'sse', chunks: answer({ text: '- Rewritten offline bullet [1]' }) } };

async function run(turns: Turn[], rest?: Turn): Promise<{ deck: Deck; events: SkillEvent[]; requests: ReceivedRequest[] }> {
  server = await startScriptedServer(turns, rest ? { rest } : {});
  const out = tmp('plan-model');
  const events: SkillEvent[] = [];
  await runSkill('pdf-to-ppt', { inputs: [folder], options: { slides: SLIDES }, provider: provider(server.url), outDir: out, onEvent: (e) => events.push(e) });
  server.assertDone();
  return { deck: JSON.parse(readFileSync(path.join(out, 'deck.json'), 'utf8')) as Deck, events, requests: server.requests };
}

const content = (d: Deck) => d.slides.filter((s) => !['title', 'agenda', 'references'].includes(s.layout));
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function pageTexts(): Promise<string[]> {
  const r = await readDocumentFolder(folder);
  return r.doc.pages.map((p) => squash(p.blocks.map((b) => b.text).join(' ')));
}

describe('pdf-to-ppt: the slide plan is the model\'s', () => {
  it('a faithful plan is the deck: its titles, bullets and visuals; every bullet cites a page that holds its quote; one request', async () => {
    let plan: PlanSlide[] = [];
    const { deck, events, requests } = await run([
      {
        name: 'plan',
        expect: (r) => {
          expect(r.body.tools).toBeUndefined();
          const l = listed(r);
          expect(l.text).toMatch(/between 3 and 5 slides/);
          expect(l.sections.map((s) => s.heading)).toContain('5 Experiments: Passage Retrieval');
          // The visuals come as images, each after a text part naming it by its plan id.
          const ps = (r.body.messages.at(-1)!.content as { type: string; text?: string }[]);
          const at = ps.findIndex((p) => p.type === 'image_url');
          expect(at).toBeGreaterThan(0);
          expect(ps.filter((p) => p.type === 'image_url').length).toBeLessThanOrEqual(8);
          expect(ps.some((p, i) => p.type === 'image_url' && /^Image: V\d+: Figure 1 — Dense Passage Retrieval for Open-Domain Question Answering, p\. 5/.test(ps[i - 1]?.text ?? ''))).toBe(true);
        },
        reply: (r) => json({ slides: (plan = faithful(listed(r))) }),
      },
    ]);
    expect(requests).toHaveLength(1);
    expect(content(deck).map((s) => s.title)).toEqual(plan.map((s) => s.title));
    expect(deck.slides[0]!.layout).toBe('title');
    expect(deck.slides.at(-1)!.layout).toBe('references');
    // The outline slide lists the sections the plan covers, in its order.
    expect(deck.slides[1]!.bullets.map((b) => b.text).join(' · ')).toMatch(/Introduction.*Experimental Setup.*Passage Retrieval.*Conclusion/);
    const [intro, tableSlide, figureSlide] = content(deck);
    expect(intro!.bullets.map((b) => b.text)).toEqual(['Planned intro point 1 from the paper', 'Planned intro point 2 from the paper', 'Planned intro point 3 from the paper']);
    expect(tableSlide!.layout).toBe('table');
    expect(deck.visuals[tableSlide!.table!]?.label).toBe('Table 1');
    expect(figureSlide!.layout).toBe('visual-half');
    expect(deck.visuals[figureSlide!.visual!]?.label).toBe('Figure 1');
    // Each bullet cites the sentence it was planned from, on the page that holds it.
    const pages = await pageTexts();
    for (const b of content(deck).flatMap((s) => s.bullets)) {
      expect(b.cites.length).toBeGreaterThan(0);
      for (const c of b.cites) {
        const cit = deck.citations[c]!;
        expect(cit.quote).toBeTruthy();
        expect(pages[cit.page - 1]).toContain(squash(cit.quote!).slice(0, 60));
      }
    }
    expect(deck.generator).toEqual({ writer: 'model', model: 'scripted-vl' });
    const line = events.find((e) => e.type === 'slide-plan');
    expect(line?.message).toBe("Slide plan by scripted-vl: 4 of 4 content slides are the model's (1 request)");
    expect(events.some((e) => e.type === 'warning')).toBe(false);
  });

  it('a plan with bad ids is sent back once with its errors, and the repaired plan is used', async () => {
    let plan: PlanSlide[] = [];
    const { deck, events, requests } = await run([
      {
        name: 'bad plan',
        reply: (r) => {
          const good = faithful(listed(r));
          const bad = structuredClone(good);
          bad[0]!.bullets[0]!.cites = ['E999'];
          bad[0]!.bullets[1]!.cites = [];
          bad[1]!.visual = 'V99';
          bad[3]!.visual = good[2]!.visual;
          bad[3]!.layout = 'visual-half';
          bad[3]!.bullets = bad[3]!.bullets.slice(0, 1);
          return json({ slides: bad });
        },
      },
      {
        name: 'repair',
        expect: (r) => {
          const fix = String(r.body.messages.at(-1)!.content);
          expect(fix).toMatch(/^Your plan has these problems:/);
          expect(fix).toContain('slide 1, bullet 1: cites E999, not among the evidence ids');
          expect(fix).toContain('slide 1, bullet 2: cites no evidence id');
          expect(fix).toContain('slide 2: visual V99 is not one of the listed visuals');
          expect(fix).toMatch(/slide 4: V\d+ is already shown on slide 3/);
          // The first request again, then the model's own answer: the server can reuse its prefix.
          expect(r.body.messages.at(-2)!.role).toBe('assistant');
        },
        reply: (r) => json({ slides: (plan = faithful(listed(r))) }),
      },
    ]);
    expect(requests).toHaveLength(2);
    expect(JSON.stringify(requests[1]!.body.messages[1])).toBe(JSON.stringify(requests[0]!.body.messages[1]));
    expect(content(deck).map((s) => s.title)).toEqual(plan.map((s) => s.title));
    expect(events.find((e) => e.type === 'slide-plan')?.message).toMatch(/^the model's first plan had 4 problems \(.+\); asked it once to repair them$/);
    expect(events.some((e) => e.type === 'slide-plan' && /4 of 4 content slides are the model's \(2 requests\)/.test(e.message))).toBe(true);
  });

  it('a slide still wrong after the repair falls back to an offline slide of its section, and the trace says which and why', async () => {
    const broken = (r: ReceivedRequest): Reply => {
      const l = listed(r);
      const plan = faithful(l);
      // The method slide names a visual that does not exist; its bullets cite the method section.
      const method = l.sections.find((s) => /Dense Passage Retriever/.test(s.heading))!;
      plan.splice(1, 0, { title: 'The dual encoder', layout: 'visual-top', visual: 'V99', bullets: [{ text: 'Two encoders, one inner product', cites: [method.evidence[2]!.id] }] });
      return json({ slides: plan });
    };
    const { deck, events, requests } = await run([{ name: 'plan', reply: broken }, { name: 'repair, same plan', reply: broken }], WRITER);
    // Two planning requests, then the model rewrites the bullets of the one offline slide.
    expect(requests).toHaveLength(3);
    const slides = content(deck);
    expect(slides).toHaveLength(5);
    const standIn = slides[1]!;
    expect(offline.slides.map((s) => s.title)).toContain(standIn.title);
    expect(standIn.title).toMatch(/Dense Passage Retriever/);
    expect(standIn.bullets.map((b) => b.text)).toEqual(['Rewritten offline bullet']);
    expect(slides.filter((s) => s !== standIn).map((s) => s.title)).toEqual(['Why retrieval limits open-domain QA', 'Five QA datasets, one Wikipedia dump', 'Few examples already beat BM25', 'What dense retrieval achieves']);
    const summary = events.find((e) => e.type === 'slide-plan' && /content slides are the model's/.test(e.message))!;
    expect(summary.message).toBe("Slide plan by scripted-vl: 4 of 5 content slides are the model's, 1 from the offline plan (2 requests)");
    const origins = summary.origins as { slide: string; from: string; why?: string }[];
    expect(origins.map((o) => o.from)).toEqual(['model', 'offline', 'model', 'model', 'model']);
    expect(origins[1]!.why).toMatch(/^the model's slide 2 failed: visual V99 is not one of the listed visuals/);
    expect(events.some((e) => e.type === 'slide-plan' && /^fallback: slide 2: the offline slide ".*Dense Passage Retriever.*" stands in \(visual V99 is not one of the listed visuals/.test(e.message))).toBe(true);
  });

  it('a model that answers garbage gives the offline plan with a warning, never a crash; the model still writes the bullets', async () => {
    const garbage: Reply = { kind: 'sse', chunks: answer({ text: 'Sure! Here is a great deck about retrieval. Slide 1: Intro. Slide 2: Results.' }) };
    // The repair gets something that is no chat completion at all.
    const junk: Reply = { kind: 'raw', contentType: 'text/plain', body: 'slides? what slides' };
    const { deck, events, requests } = await run([{ name: 'plan', reply: garbage }, { name: 'repair', expect: (r) => expect(JSON.stringify(r.body.messages)).toContain('the answer is not a JSON object'), reply: junk }], WRITER);
    expect(content(deck).map((s) => s.title)).toEqual(content(offline).map((s) => s.title));
    const warning = events.find((e) => e.type === 'warning');
    expect(warning?.message).toBe("scripted-vl: the model's slide plan is unusable (the answer is not a JSON object); the deck keeps the offline plan (2 requests); the model rewrites its bullets");
    // 2 planning requests, then one per content slide with cited bullets.
    expect(requests.length).toBe(2 + content(offline).filter((s) => s.bullets.some((b) => b.cites.length)).length);
    expect(content(deck).flatMap((s) => s.bullets).some((b) => b.text === 'Rewritten offline bullet')).toBe(true);
  });
});

describe('checkPlan', () => {
  it('flags slide counts outside the budget, duplicate visuals, unknown layouts and uncited bullets, slide by slide', async () => {
    const r = await readDocumentFolder(folder);
    const c = composeDocument(r.doc, r.dir, { slides: SLIDES });
    const input = planInput(c.outline, c.deck, SLIDES);
    expect([input.min, input.max]).toEqual([3, 5]);
    const ev = [...input.evidence.keys()];
    const ok = (title: string, visual: string | null = null) => ({ title, layout: visual ? 'visual-half' : 'bullets', visual, bullets: [{ text: 'A point', cites: [ev[0]!] }] });
    const six = checkPlan(JSON.stringify({ slides: [1, 2, 3, 4, 5, 6].map((n) => ok(`S${n}`)) }), input);
    expect(six.deckErrors).toEqual(['the plan has 6 slides; the budget is 3–5 content slides']);
    const dup = checkPlan(JSON.stringify({ slides: [ok('A', 'V4'), ok('B', 'v4'), { ...ok('C'), layout: 'two-column' }, { ...ok('D'), bullets: [{ text: 'No cite' }] }] }), input);
    expect(dup.deckErrors).toEqual([]);
    expect(dup.slides.map((s) => s.ok)).toEqual([true, false, false, false]);
    expect(dup.slides[1]).toMatchObject({ ok: false, errors: ['slide 2: V4 is already shown on slide 1; each visual at most once'] });
    expect((dup.slides[2] as { errors: string[] }).errors[0]).toMatch(/^slide 3: layout: Invalid (enum value|option)/);
    expect(dup.slides[3]).toMatchObject({ ok: false, errors: ['slide 4, bullet 1: cites no evidence id'] });
    // What models write for the same thing: a bare array in a fence, cites as one string, "visual": "none".
    const loose = checkPlan(`Here you go:\n\`\`\`json\n${JSON.stringify([{ title: 'A', layout: 'bullets', visual: 'none', bullets: [{ text: 'A point', cites: `${ev[1]}, ${ev[2]}` }] }, ok('B'), ok('C')])}\n\`\`\``, input);
    expect(loose.slides.map((x) => x.ok)).toEqual([true, true, true]);
    expect((loose.slides[0] as { slide: { evidence: { id: string }[][] } }).slide.evidence[0]!.map((e) => e.id)).toEqual([ev[1], ev[2]]);
    expect(checkPlan(JSON.stringify({ slides: [{ ...ok('A', 'V4'), layout: 'code' }, ok('B'), ok('C')] }), input).slides[0]).toMatchObject({ ok: false, errors: ['slide 1: layout "code" needs a code listing (C…); V4 is Figure 1'] });
    expect(checkPlan('{"deck": []}', input).unusable).toMatch(/^slides: /);
    expect(checkPlan('', input).unusable).toBe('the answer is not a JSON object');
  });
});

describe('pdf-to-web: the section order is the model\'s', () => {
  const WRITE: Turn = { name: 'writer', reply: { kind: 'sse', chunks: answer({ text: 'The section in the writer\'s words [1].' }) } };
  const listedSections = (r: ReceivedRequest): { id: string; heading: string }[] =>
    String(r.body.messages.at(-1)!.role === 'user' ? r.body.messages.find((m) => m.role === 'user')!.content : '')
      .split('\n')
      .flatMap((l) => {
        const m = /^(S\d+): (.+?)(?: \(shows .*\))? — /.exec(l);
        return m ? [{ id: m[1]!, heading: m[2]! }] : [];
      });
  async function web(turns: Turn[]): Promise<{ headings: string[]; events: SkillEvent[] }> {
    server = await startScriptedServer(turns, { rest: WRITE });
    const out = tmp('web-order');
    const events: SkillEvent[] = [];
    // (The PDF itself: a document folder without a recorded origin makes the site exporter read the folder as the source file, EISDIR.)
    const r = await runSkill('pdf-to-web', { inputs: [DPR], provider: provider(server.url), outDir: out, onEvent: (e) => events.push(e) });
    server.assertDone();
    const html = readFileSync(r.outputs[0]!.path, 'utf8');
    // The sections' own headings, as the page shows them (not its table of contents).
    const headings = [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]!).filter((h) => !['Pages', 'On this page'].includes(h));
    return { headings, events };
  }

  it('a valid order (results right after the introduction) is the page\'s; a wrong one is repaired once, else the document\'s order stays with a warning', async () => {
    let wanted: string[] = [];
    const reorder = (r: ReceivedRequest): Reply => {
      const secs = listedSections(r);
      const first = secs.filter((s) => /Introduction/.test(s.heading));
      const results = secs.filter((s) => /Experiments/.test(s.heading));
      const order = [...first, ...results, ...secs.filter((s) => !first.includes(s) && !results.includes(s))];
      wanted = order.map((s) => s.heading);
      return json({ order: order.map((s) => s.id) });
    };
    const good = await web([{ name: 'order', expect: (r) => expect(listedSections(r).length).toBeGreaterThan(3), reply: reorder }]);
    const at = (h: string) => good.headings.indexOf(h);
    expect(wanted.length).toBeGreaterThan(3);
    expect(wanted.map(at)).toEqual([...wanted.map(at)].sort((a, b) => a - b));
    expect(at(wanted[1]!)).toBe(at(wanted[0]!) + 1);
    expect(good.events.find((e) => e.type === 'site-plan')?.message).toMatch(/^Section order by scripted-vl: .*Introduction → .*Experiments/);

    // Twice an order that repeats one section and leaves one out: the document's order, and a warning.
    const bad = (r: ReceivedRequest): Reply => {
      const ids = listedSections(r).map((s) => s.id);
      return json({ order: [ids[0], ids[0], ...ids.slice(2)] });
    };
    const kept = await web([{ name: 'order', reply: bad }, { name: 'repair', expect: (r) => expect(String(r.body.messages.at(-1)!.content)).toMatch(/S1 is listed twice[\s\S]*leaves out S2/), reply: bad }]);
    const docOrder = kept.headings.filter((h) => wanted.includes(h));
    expect(docOrder).not.toEqual(wanted);
    expect(kept.events.some((e) => e.type === 'warning' && /no usable section order \(S1 is listed twice\) after one repair/.test(e.message))).toBe(true);
    expect(kept.events.some((e) => e.type === 'site-plan')).toBe(false);
  });
});

describe('a methods paper: the plan places the offline listings, never retyped', () => {
  it('a code slide of the plan shows the listing as quoted, under the model\'s title and bullet', async () => {
    const { ingested } = await import('../helpers/ingest-cache.js');
    const { createProvider } = await import('../../engine/providers/index.js');
    const { planDeck } = await import('../../engine/compose/model-deck-plan.js');
    const r = await ingested('papers/debian_r-strucchange_intro.pdf');
    const c = composeDocument(r.doc, tmp('struc'), { slides: 12 });
    const listings = c.deck.slides.filter((s) => s.layout === 'code');
    expect(listings.length).toBeGreaterThan(0);
    server = await startScriptedServer([
      {
        name: 'plan',
        expect: (q) => expect(listed(q).text).toMatch(/^Code listings:\nC1: /m),
        reply: (q) => {
          const l = listed(q);
          const cite = (k: number) => [l.sections.flatMap((s) => s.evidence)[k]!.id];
          const slides: PlanSlide[] = Array.from({ length: 6 }, (_, k) => ({ title: `Point ${k + 1}`, layout: 'bullets', visual: null, bullets: [{ text: `Planned point ${k + 1}`, cites: cite(k) }] }));
          slides.splice(2, 0, { title: 'Computing the fluctuation process', layout: 'code', visual: 'C1', bullets: [{ text: 'Two empirical fluctuation processes from one call each', cites: cite(8) }] });
          return json({ slides });
        },
      },
    ]);
    const plan = await planDeck(c.outline, c.deck, createProvider(provider(server.url)), { slides: 12 });
    server.assertDone();
    expect(plan.outcome).toBe('model');
    const code = plan.deck.slides.find((s) => s.layout === 'code')!;
    expect(code.title).toBe('Computing the fluctuation process');
    expect(code.code).toEqual(listings[0]!.code);
    expect(code.bullets.map((b) => b.text)).toEqual(['Two empirical fluctuation processes from one call each']);
    expect(plan.deck.citations[code.code!.cite]?.page).toBeGreaterThan(0);
    // A listing needs the code layout, and the code layout a listing.
    const input = planInput(c.outline, c.deck, 12);
    const e1 = [...input.evidence.keys()][0]!;
    const wrong = checkPlan(JSON.stringify({ slides: [{ title: 'A', layout: 'visual-top', visual: 'C1', bullets: [] }, { title: 'B', layout: 'code', visual: null, bullets: [{ text: 'x', cites: [e1] }] }] }), input);
    expect(wrong.slides).toMatchObject([{ ok: false, errors: ['slide 1: C1 is a code listing: its layout is "code"'] }, { ok: false, errors: ['slide 2: layout "code" needs a visual'] }]);
  });
});
