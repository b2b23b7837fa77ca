// The document skills end to end through the registry, as `folio run` runs them, on real papers:
// pdf-to-ppt (slide count, figures, LibreOffice render with every slide's text), pdf-to-web (figures,
// headings, tables), doc-writing (citations resolve, says it is extractive).
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSkill } from '../../skills/registry.js';
import type { SkillEvent } from '../../skills/types.js';
import { corpus } from '../helpers/corpus.js';
import { pptxToPdf, pdfPageCount, pageText, words } from '../export-deck/render.js';
import { pptxSlides, readZip } from '../export-deck/zip.js';

const tmp = (p: string) => mkdtempSync(path.join(os.tmpdir(), `folio-${p}-`));

function slideWords(xml: string): string[] {
  return words([...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")).join(' '));
}

describe('pdf-to-ppt', () => {
  it('turns tracemonkey into a 10–16 slide deck with ≥5 of its figures that LibreOffice renders with all its text', async () => {
    const out = tmp('ppt');
    const events: SkillEvent[] = [];
    const r = await runSkill('pdf-to-ppt', { inputs: [corpus('papers/pdfjs_tracemonkey.pdf')], outDir: out, onEvent: (e) => events.push(e) });
    const pptx = r.outputs.find((o) => o.kind === 'pptx')!.path;
    expect(existsSync(path.join(out, 'slides', 'index.html'))).toBe(true);
    const zip = readZip(pptx);
    const slides = pptxSlides(zip);
    expect(slides.length).toBeGreaterThanOrEqual(10);
    expect(slides.length).toBeLessThanOrEqual(16);
    const media = [...zip.keys()].filter((k) => k.startsWith('ppt/media/'));
    expect(media.length).toBeGreaterThanOrEqual(5);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['skill-start', 'ingest', 'compose', 'skill-finish']));

    const pdf = await pptxToPdf(pptx, out);
    expect(await pdfPageCount(pdf)).toBe(slides.length);
    for (let i = 0; i < slides.length; i++) {
      const rendered = new Set(words(await pageText(pdf, i + 1)));
      const expected = slideWords(slides[i]!).filter((w) => w.length > 2);
      const missing = expected.filter((w) => !rendered.has(w));
      expect(missing.length / Math.max(1, expected.length), `slide ${i + 1} missing: ${missing.slice(0, 8).join(' ')}`).toBeLessThanOrEqual(0.02);
    }
  });

  it('puts DPR’s tables in the deck as native PowerPoint tables', async () => {
    const out = tmp('ppt-dpr');
    const r = await runSkill('pdf-to-ppt', { inputs: [corpus('papers/unstructured_multi-column_DPR.pdf')], outDir: out, options: { slides: 12 } });
    const slides = pptxSlides(readZip(r.outputs.find((o) => o.kind === 'pptx')!.path));
    expect(slides.length).toBeLessThanOrEqual(12);
    expect(slides.filter((x) => x.includes('<a:tbl>')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('pdf-to-web', () => {
  it('makes a project page for DPR with its sections, figure and result tables', async () => {
    const out = tmp('web');
    const r = await runSkill('pdf-to-web', { inputs: [corpus('papers/unstructured_multi-column_DPR.pdf')], outDir: out, options: { theme: 'midnight' } });
    const html = readFileSync(r.outputs[0]!.path, 'utf8');
    expect(html).toContain('Dense Passage Retrieval for Open-Domain Question Answering');
    for (const h of ['Abstract', 'Introduction', 'Related Work', 'BibTeX']) expect(html).toMatch(new RegExp(`<h2[^>]*>[^<]*${h}`));
    expect((html.match(/<table/g) ?? []).length).toBeGreaterThanOrEqual(3);
    const imgs = [...html.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    expect(imgs.length).toBeGreaterThanOrEqual(1);
    for (const src of imgs) expect(existsSync(path.join(out, 'site', decodeURIComponent(src))), src).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});

describe('doc-writing', () => {
  it('writes an extractive write-up of two papers whose figures and citations resolve', async () => {
    const out = tmp('write');
    const r = await runSkill('doc-writing', {
      inputs: [corpus('papers/pdfjs_tracemonkey.pdf'), corpus('papers/unstructured_multi-column_DPR.pdf')],
      goal: 'how the systems are evaluated',
      options: { length: 'short' },
      outDir: out,
    });
    const md = readFileSync(r.outputs[0]!.path, 'utf8');
    expect(md).toMatch(/^---\n[\s\S]*generator: "?Folio offline extractive writer/);
    expect(md).toMatch(/Extractive write-up \(short\)/);
    for (const l of [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!)) expect(existsSync(path.join(out, l)), l).toBe(true);
    const markers = [...md.matchAll(/\[\\\[(\d+), p\. (\d+)\\\]\]/g)].map((m) => Number(m[1]));
    expect(new Set(markers)).toEqual(new Set([1, 2]));
    const refs = md.slice(md.indexOf('## References'));
    expect(refs).toMatch(/^1\. .*Trace-based/m);
    expect(refs).toMatch(/^2\. .*Dense Passage Retrieval/m);
    expect(readdirSync(path.join(out, 'assets')).length).toBeGreaterThanOrEqual(5);
  });
});

describe('research-report', () => {
  it('runs the research loop on two papers and writes a report, site and deck from the one state', async () => {
    const out = tmp('research');
    const events: SkillEvent[] = [];
    const r = await runSkill('research-report', {
      inputs: [corpus('papers/pdfjs_tracemonkey.pdf'), corpus('papers/unstructured_multi-column_DPR.pdf')],
      goal: 'Compare how the two papers evaluate their systems',
      options: { outputs: 'md,html,pptx' },
      outDir: out,
      onEvent: (e) => events.push(e),
    });
    const types = new Set(events.map((e) => e.type));
    for (const t of ['run-start', 'plan', 'step-start', 'tool-call', 'read', 'state-update', 'finish']) expect(types, t).toContain(t);
    const state = JSON.parse(readFileSync(r.outputs.find((o) => o.kind === 'state')!.path, 'utf8')) as { status: string; notes: unknown[]; visuals: unknown[] };
    expect(state.status).toBe('finished');
    const md = readFileSync(r.outputs.find((o) => o.kind === 'markdown')!.path, 'utf8');
    // Notes from both papers, each cited to a page; the chosen visuals are in the report and resolve.
    const markers = [...md.matchAll(/\[\\\[(\d+), p\. (\d+)\\\]\]/g)].map((m) => Number(m[1]));
    expect(new Set(markers)).toEqual(new Set([1, 2]));
    const imgs = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(imgs.length + (md.match(/^\|( --- \|)+$/gm) ?? []).length).toBeGreaterThanOrEqual(2);
    for (const l of imgs) expect(existsSync(path.join(out, l)), l).toBe(true);
    expect(existsSync(path.join(out, 'site', 'index.html'))).toBe(true);
    const slides = pptxSlides(readZip(r.outputs.find((o) => o.kind === 'pptx')!.path));
    expect(slides.length).toBeGreaterThanOrEqual(6);
    expect(slides.length).toBeLessThanOrEqual(16);
    // The title slide: the goal as its title, and under it what was read, not the goal once more.
    const titleText = [...slides[0]!.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(' ');
    expect(titleText).toContain('Compare how the two papers evaluate their systems');
    expect(titleText.split('Compare how the two papers').length - 1).toBe(1);
    expect(titleText).toContain('Research on 2 sources');
  });
});

describe('research-report resume', () => {
  it('a cancelled run continues from its saved step when the same request runs again', async () => {
    const out = tmp('research-resume');
    const req = { inputs: [corpus('papers/pdfjs_tracemonkey.pdf')], goal: 'How is the trace compiler evaluated?', outDir: out };
    const ac = new AbortController();
    let steps = 0;
    await expect(
      runSkill('research-report', {
        ...req,
        signal: ac.signal,
        onEvent: (e) => {
          if (e.type === 'state-update' && ++steps === 3) ac.abort();
        },
      }),
    ).rejects.toThrow();
    const saved = JSON.parse(readFileSync(path.join(out, 'run', 'state.json'), 'utf8')) as { status: string; step: number };
    expect(saved.status).not.toBe('finished');
    expect(saved.step).toBeGreaterThanOrEqual(2);
    const events: SkillEvent[] = [];
    const r = await runSkill('research-report', { ...req, onEvent: (e) => events.push(e) });
    expect(events.find((e) => e.type === 'run-start')?.resumed).toBe(true);
    const done = JSON.parse(readFileSync(r.outputs.find((o) => o.kind === 'state')!.path, 'utf8')) as { status: string; step: number; log: { step: number }[] };
    expect(done.status).toBe('finished');
    expect(done.step).toBeGreaterThan(saved.step);
    expect(done.log.map((l) => l.step)).toEqual([...done.log.keys()].map((i) => i + 1));
    await expect(runSkill('research-report', { ...req, goal: 'something else' })).rejects.toThrow(/holds a research run for another goal/);
  });
});
