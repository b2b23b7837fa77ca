// Boxes in model answers (GLM-V conventions) → source coordinates; tool-argument repair.
import { describe, expect, it } from 'vitest';
import { parseBoxes, parseToolArgs, toSourceBox } from '../../engine/providers/index.js';

describe('grounding boxes', () => {
  it('reads GLM-V begin/end-of-box markers, with any bracket style', () => {
    expect(parseBoxes('The chart is at <|begin_of_box|>[[100,200,500,640]]<|end_of_box|>.')).toEqual([{ box: [100, 200, 500, 640] }]);
    expect(parseBoxes('<|begin_of_box|>(10, 20, 30, 40)<|end_of_box|> and <|begin_of_box|>{5,6,7,8}<|end_of_box|>')).toEqual([{ box: [10, 20, 30, 40] }, { box: [5, 6, 7, 8] }]);
  });
  it('reads bare brackets when there are no markers, and orders corners', () => {
    expect(parseBoxes('Table 2 sits at [600, 80, 950, 300]; the legend at [300,400,200,350].')).toEqual([{ box: [600, 80, 950, 300] }, { box: [200, 350, 300, 400] }]);
  });
  it('reads JSON [{label, bbox_2d}], fenced or not', () => {
    const json = '```json\n[{"label": "Figure 2", "bbox_2d": [50, 60, 480, 420]}, {"label": "Table 1", "bbox_2d": [520, 60, 950, 300]}]\n```';
    expect(parseBoxes(json)).toEqual([
      { label: 'Figure 2', box: [50, 60, 480, 420] },
      { label: 'Table 1', box: [520, 60, 950, 300] },
    ]);
    expect(parseBoxes('[{"label":"chart","bbox_2d":[1,2,3,4]}]')).toEqual([{ label: 'chart', box: [1, 2, 3, 4] }]);
  });
  it('ignores boxes outside 0–1000 and empty boxes', () => {
    expect(parseBoxes('[0, 0, 1200, 50] [5, 5, 5, 9]')).toEqual([]);
  });
  it('maps 0–1000 onto a page in points (US Letter)', () => {
    expect(toSourceBox([100, 200, 500, 640], 612, 792)).toEqual([61.2, 158.4, 306, 506.88]);
  });
});

describe('tool argument repair', () => {
  it('passes valid JSON, repairs fences, single quotes, bare keys, trailing commas and cut-off endings', () => {
    expect(parseToolArgs('{"a": 1}')).toEqual({ a: 1 });
    expect(parseToolArgs("```json\n{'a': 'x',}\n```")).toEqual({ a: 'x' });
    expect(parseToolArgs('{query: "speedup", k: 5,}')).toEqual({ query: 'speedup', k: 5 });
    expect(parseToolArgs('{"evidence": [{"page": 3, "quote": "abc')).toEqual({ evidence: [{ page: 3, quote: 'abc' }] });
    expect(parseToolArgs('')).toEqual({});
  });
  it('gives up on what is not an object', () => {
    expect(parseToolArgs('page four please')).toBeNull();
    expect(parseToolArgs('[1, 2]')).toBeNull();
  });
});
