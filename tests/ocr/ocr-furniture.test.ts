// Running heads and page numbers on OCR'd pages: what repeats at the pages' tops and feet, read a
// little differently by OCR each time, is furniture, not each page's first and last paragraph.
import { describe, expect, it } from 'vitest';
import { markOcrFurniture } from '../../engine/ingest/image/ocr-furniture.js';
import type { Block, Page, SourceDocument } from '../../engine/ingest/types.js';

const H = 842;
let n = 0;
const block = (text: string, y0: number, y1: number): Block => ({ id: `b${++n}`, type: 'paragraph', page: 0, bbox: [90, y0, 500, y1], text, textSource: 'ocr', confidence: 0.95 });

function doc(pages: Block[][]): SourceDocument {
  return {
    pages: pages.map((blocks, i): Page => ({ index: i + 1, width: 595, height: H, textLayer: 'none', blocks: blocks.map((b) => ({ ...b, page: i + 1 })) })),
  } as unknown as SourceDocument;
}

const types = (d: SourceDocument): string[][] => d.pages.map((p) => p.blocks.map((b) => b.type));

describe('OCR running heads', () => {
  it('a title repeated at every top and a licence line at every foot, misread here and there, are furniture', () => {
    // TAMReview, read by OCR: its licence line came out as "[(CC]EY-NC-ND", "(Cc)EY-NC-ND", "(CC) EY-NC-ND".
    const feet = ['[(CC]EY-NC-ND Sprouts - http://sprouts.aisnet.org/9-37', '(Cc)EY-NC-ND Sprouts - http://sprouts.aisnet.org/9-37', '(CC) EY-NC-ND Sprouts - http://sprouts.aisnet.org/9-37'];
    const d = doc(
      [2, 3, 4].map((p, i) => [
        block('Overview of the Technology Acceptance Model: Origins, Developments and Future Directions MY Chuttur', 69, 81),
        block('Perceived usefulness: The degree to which an individual believes that using a particular system would enhance his or her job performance.', 105, 284),
        block(String(p), 739, 750),
        block(feet[i]!, 814, 827),
      ]),
    );
    expect(markOcrFurniture(d, [1, 2, 3])).toBe(9);
    expect(types(d)).toEqual([0, 1, 2].map(() => ['header', 'paragraph', 'footer', 'footer']));
  });

  it('a chapter head on every other page counts, as OCR reads it ("第一章商 13", "第一章商 創品 15")', () => {
    const d = doc(
      ['12 第一篇商品和货币', '第一章商 13', '14 第一篇商品和货币', '第一章商 創品 15', '16 第一篇商品和货币', '第一章商 品 17'].map((head) => [block(head, 80, 95), block('商品的这些属性只是就它们使商品有用，从而使商品成为使用价值来说，才受到注意。', 120, 700)]),
    );
    markOcrFurniture(d, [1, 2, 3, 4, 5, 6]);
    expect(types(d).map((t) => t[0])).toEqual(['header', 'header', 'header', 'header', 'header', 'header']);
  });

  it('a line at the top of one page only, or different on each page, is text', () => {
    const d = doc([
      [block('Introduction', 70, 82), block('Body text that goes on for a while.', 100, 700)],
      [block('Related work and what it leaves open', 70, 82), block('Body text that goes on for a while.', 100, 700)],
      [block('Method', 70, 82), block('Body text that goes on for a while.', 100, 700)],
    ]);
    expect(markOcrFurniture(d, [1, 2, 3])).toBe(0);
  });
});
