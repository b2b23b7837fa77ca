// The writer is told which visuals it did not see, and why: a doc-writing run with a model said
// "no image of v5 to show the writer" for crops that existed but did not fit in the request.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { visualParts } from '../../engine/compose/model-writer.js';
import type { Visual } from '../../engine/compose/types.js';
import type { Provider } from '../../engine/providers/types.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe('visualParts', () => {
  it('tells a missing image file apart from one the request had no room for', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-vp-'));
    const img = (n: string) => {
      const f = path.join(dir, `${n}.png`);
      writeFileSync(f, PNG);
      return f;
    };
    const v = (id: string, image: string): Visual => ({ id, kind: 'figure', label: `Figure ${id}`, caption: '', sourceId: 's', sourceTitle: 'Paper', page: 1, image }) as Visual;
    const provider = { limits: { maxImagesPerRequest: 2 } } as unknown as Provider;
    const r = await visualParts([v('v1', img('a')), v('v2', path.join(dir, 'gone.png')), v('v3', img('b')), v('v4', img('c'))], provider, 8);
    expect(r.parts.filter((p) => p.type === 'image').length).toBe(2);
    expect(r.missing).toEqual(['v2']);
    expect(r.unsent).toEqual(['v4']);
    expect(r.room).toBe(2);
  });
});
