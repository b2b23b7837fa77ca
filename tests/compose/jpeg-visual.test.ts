// Web pages keep their JPEG images as they are: a deck must show them (PPTX and HTML slides), not
// drop them as "not a PNG".
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { Deck } from '../../engine/compose/types.js';
import { exportPptx } from '../../engine/export/pptx/index.js';
import { exportSlides } from '../../engine/export/slides/index.js';
import { readZip } from '../export-deck/zip.js';

describe('a JPEG visual in a deck', () => {
  it('is placed on the PPTX slide and copied as .jpg for the HTML slides', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-jpeg-'));
    const canvas = createCanvas(600, 400);
    const g = canvas.getContext('2d');
    g.fillStyle = '#2a6';
    g.fillRect(0, 0, 600, 400);
    g.fillStyle = '#fff';
    g.fillRect(100, 100, 200, 120);
    const jpg = path.join(dir, 'photo.jpg');
    writeFileSync(jpg, await canvas.encode('jpeg', 85));
    const deck: Deck = {
      title: 'A page with a photo',
      authors: [],
      date: '2026-01-01',
      theme: 'paper',
      slides: [
        { id: 's1', layout: 'title', title: 'A page with a photo', bullets: [], notes: '', sources: [] },
        { id: 's2', layout: 'visual-half', title: 'The photo', bullets: [{ text: 'A green field with a white box.', cites: [] }], visual: 'v1', notes: '', sources: [] },
      ],
      sources: [{ id: 'web', title: 'A web page', file: 'page.html', kind: 'html', authors: [], pageCount: 1 }],
      visuals: { v1: { id: 'v1', kind: 'figure', label: 'Figure 1', caption: 'A photo.', sourceId: 'web', sourceTitle: 'A web page', page: 1, image: jpg, width: 600, height: 400 } },
      citations: {},
      generator: { writer: 'extractive' },
    };
    const r = await exportPptx(deck, path.join(dir, 'deck.pptx'));
    expect(r.fixes.filter((f) => /not a PNG/.test(f))).toEqual([]);
    expect([...readZip(r.file).keys()].some((k) => /^ppt\/media\/.+\.(jpe?g)$/i.test(k))).toBe(true);
    const s = await exportSlides(deck, path.join(dir, 'slides'));
    const assets = readdirSync(path.join(dir, 'slides', 'assets'));
    expect(assets.some((a) => a.endsWith('.jpg'))).toBe(true);
    expect(existsSync(s.index)).toBe(true);
  });
});
