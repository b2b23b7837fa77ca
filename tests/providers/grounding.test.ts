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

describe('boxes per model family', async () => {
  const { boxFormatFor, qwenResizedSize, stripBoxTokens } = await import('../../engine/providers/index.js');
  it('knows Qwen2.5-VL writes pixels and GLM, Qwen2-VL, Qwen3-VL write 0–1000', () => {
    for (const m of ['qwen2.5vl:7b', 'Qwen/Qwen2.5-VL-7B-Instruct', 'qwen2_5_vl']) expect(boxFormatFor(m)).toBe('qwen25-pixels');
    for (const m of ['glm-5v-turbo', 'glm-4.5v', 'Qwen/Qwen2-VL-7B', 'qwen3-vl:8b', 'llava:13b']) expect(boxFormatFor(m)).toBe('norm1000');
  });
  it('converts Qwen2.5-VL pixel boxes with the size of the image sent, as its processor resized it', () => {
    // 2191 × 1046 → smart_resize → 2184 × 1036 (multiples of 28).
    expect(qwenResizedSize(2191, 1046)).toEqual({ width: 2184, height: 1036 });
    const out = parseBoxes('```json\n[{"bbox_2d": [0, 0, 1092, 518], "label": "top left quarter"}]\n```', { format: 'qwen25-pixels', imageSize: { width: 2191, height: 1046 } });
    expect(out).toEqual([{ label: 'top left quarter', box: [0, 0, 500, 500] }]);
  });
  it('reports boxes outside the range instead of dropping them silently', () => {
    const rejected: { box: number[]; why: string }[] = [];
    expect(parseBoxes('<|begin_of_box|>[[100,200,1200,640]]<|end_of_box|> <|begin_of_box|>[[1,2,3,4]]<|end_of_box|>', { rejected })).toEqual([{ box: [1, 2, 3, 4] }]);
    expect(rejected).toEqual([{ box: [100, 200, 1200, 640], why: 'outside 0–1000' }]);
    const px: { box: number[]; why: string }[] = [];
    expect(parseBoxes('[{"bbox_2d": [0, 0, 3000, 10]}]', { format: 'qwen25-pixels', imageSize: { width: 2191, height: 1046 }, rejected: px })).toEqual([]);
    expect(px[0]?.why).toMatch(/outside the 0–2184 × 0–1036 px of the image as the model saw it/);
  });
  it('leaves no box tokens in captions', () => {
    expect(stripBoxTokens('A bar chart <|begin_of_box|>[[10,20,30,40]]<|end_of_box|> of scores.')).toBe('A bar chart of scores.');
    expect(stripBoxTokens('<|object_ref_start|>the legend<|object_ref_end|><|box_start|>(1,2),(3,4)<|box_end|> is red')).toBe('the legend is red');
  });
});
