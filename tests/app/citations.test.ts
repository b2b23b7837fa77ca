// Report citations resolve to the cited source and the box of the quote they rest on.
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../electron/contract/contract.ts';
import { citationTarget, citedSource, parseCitation } from '../../renderer/store/outputs/citations.ts';

const evidence: Evidence = {
  visuals: [],
  notes: [
    { id: 'n1', text: 'Trace trees record hot loops and compile them to machine code.', refs: [{ sourceId: 'a', page: 2, bbox: [10, 20, 30, 5] }] },
    { id: 'n2', text: 'Type specialization removes most dynamic checks on the trace.', refs: [{ sourceId: 'a', page: 2, bbox: [10, 60, 30, 5] }] },
    { id: 'n3', text: 'Type specialization removes most dynamic checks on the trace.', refs: [{ sourceId: 'b', page: 2, bbox: [1, 1, 1, 1] }] },
  ],
};

describe('report citations', () => {
  it('parses the markers the Markdown report writes, and nothing else', () => {
    expect(parseCitation('[2, p. 14]')).toEqual({ source: 2, page: 14 });
    expect(parseCitation('1, p. 3')).toEqual({ source: 1, page: 3 });
    expect(parseCitation('References')).toBeNull();
    expect(parseCitation('[0, p. 3]')).toBeNull();
  });

  it('finds the source by the file its References entry names, else by position', () => {
    const names = { a: 'data.pdf', b: 'a.pdf' };
    const refs = ['Gal et al. *Trace-based JIT*. data.pdf. Pages cited: 2.', 'Other. a.pdf. Pages cited: 2.'];
    expect(citedSource(1, refs, ['b', 'a'], names)).toBe('a');
    expect(citedSource(2, refs, ['b', 'a'], names)).toBe('b');
    expect(citedSource(2, [], ['b', 'a'], names)).toBe('a');
    expect(citedSource(3, refs, ['b', 'a'], names)).toBeNull();
  });

  it('points at the box of the note the cited sentence quotes, on that source and page', () => {
    expect(citationTarget(evidence, 'a', 2, 'Type specialization removes most dynamic checks on the trace. ')).toEqual(evidence.notes[1]!.refs[0]);
    expect(citationTarget(evidence, 'a', 2, 'Trace trees record hot loops')).toEqual(evidence.notes[0]!.refs[0]);
    expect(citationTarget(evidence, 'a', 5, 'anything')).toEqual({ sourceId: 'a', page: 5 });
    expect(citationTarget(undefined, 'a', 2, 'x')).toEqual({ sourceId: 'a', page: 2 });
  });
});
