// Display equations as crops of their page (issue 23; the contract in the notes: ingest gives the
// display's bbox, the writer shows a crop of it like a figure, never the flattened text). On
// strucchange, whose model is its Equation (1) on p. 2.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../engine/compose/document.js';
import { cropEquations, isDisplayEquation } from '../../engine/compose/equations.js';
import { loadTheme } from '../../engine/compose/theme.js';
import { exportSite } from '../../engine/export/site/index.js';
import { writeDocumentFolder } from '../../engine/ingest/output.js';
import { corpus, outputDir } from '../helpers/corpus.js';
import { ingested } from '../helpers/ingest-cache.js';

describe('display equations', () => {
  it('strucchange: its model equation is a page crop on the model slide and in the site, labelled by its own number', async () => {
    const rel = 'papers/debian_r-strucchange_intro.pdf';
    const dir = path.join(outputDir, 'equations');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const { doc, assets } = await ingested(rel, true);
    const docDir = await writeDocumentFolder(path.join(dir, 'documents'), doc, assets);
    expect(await cropEquations(doc, docDir, corpus(rel))).toEqual([]);
    const displays = doc.pages.flatMap((p) => p.blocks.filter(isDisplayEquation));
    expect(displays.length).toBeGreaterThanOrEqual(5);

    const { deck, site } = composeDocument(doc, docDir, {});
    const eqSlides = deck.slides.filter((s) => s.visual && deck.visuals[s.visual]?.kind === 'equation');
    expect(eqSlides.length).toBeGreaterThanOrEqual(1);
    const model = eqSlides.find((s) => s.title === 'The model');
    expect(model, eqSlides.map((s) => s.title).join(', ')).toBeDefined();
    const v = deck.visuals[model!.visual!]!;
    expect(v.label).toBe('Equation (1)');
    expect(v.page).toBe(2);
    expect(existsSync(v.image!)).toBe(true);
    // The flattened text of a display never stands in for it.
    for (const s of deck.slides) for (const b of s.bullets) expect(b.text).not.toContain('xi¦ βi');

    const out = await exportSite(site, path.join(dir, 'site'), { theme: await loadTheme('paper') });
    const html = readFileSync(out.index, 'utf8');
    expect(html).toMatch(/<figure id="[^"]+" class="eq fig-wide"><img src="assets\/[^"]+" width="\d+" height="\d+" alt="Equation \(1\)">/);
    // An equation is not numbered as a figure: the paper's Figures 1–7 keep their numbers.
    expect(html).not.toMatch(/Figure 8\b/);
  });
});
