// Piped progress (CI logs, the app's job log): a line at least every 5 s with the item and the time
// left. It used to print only at exactly 25, 50 or 75 %, which 21 or 23 items never reach: the OCR
// of TAMReview's 21 pages was 'pages 23/23', then about 3 minutes of silence, then 'ocr 21/21'.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { duration, Progress } from '../../electron/cli/progress.js';

function pipe(): { stream: NodeJS.WriteStream; lines: string[] } {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (s: string) => lines.push(...s.split('\n').filter(Boolean)) } as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

describe('piped progress', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('prints at least every 5 s while 21 pages are OCR’d, each line with the item and the time left', () => {
    const { stream, lines } = pipe();
    const p = new Progress(stream, false, () => Date.now());
    const at: number[] = [];
    const track = (): void => {
      while (at.length < lines.length) at.push(Date.now());
    };
    p.update('TAMReview.pdf: ocr', 0, 21);
    track();
    for (let i = 1; i <= 21; i++) {
      // 10 s a page, with no call in between: the heartbeat must speak.
      for (let t = 0; t < 10; t++) {
        vi.advanceTimersByTime(1000);
        track();
      }
      p.update('TAMReview.pdf: ocr', i, 21);
      track();
    }
    expect(lines[0]).toBe('TAMReview.pdf: ocr 0/21, working on 1');
    expect(lines.at(-1)).toBe('TAMReview.pdf: ocr 21/21');
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5000);
    expect(lines.length).toBeGreaterThanOrEqual(40);
    // After 10 of 21 pages at 10 s each: 11 pages left, about 110 s (a little more when the line
    // comes from the heartbeat a few seconds into page 11).
    expect(lines.some((l) => /^TAMReview\.pdf: ocr 10\/21, working on 11, about 1 min 5\d s left$/.test(l))).toBe(true);
    p.stop();
  });

  it('says nothing more once the phase has ended, and a new phase starts with a line', () => {
    const { stream, lines } = pipe();
    const p = new Progress(stream, false, () => Date.now());
    p.update('a.pdf: pages', 0, 3);
    p.update('a.pdf: pages', 3, 3);
    vi.advanceTimersByTime(20_000);
    expect(lines).toEqual(['a.pdf: pages 0/3, working on 1', 'a.pdf: pages 3/3']);
    p.update('a.pdf: crops', 0, 2);
    expect(lines.at(-1)).toBe('a.pdf: crops 0/2, working on 1');
    p.stop();
  });

  it('keeps piped logs short when items come fast', () => {
    const { stream, lines } = pipe();
    const p = new Progress(stream, false, () => Date.now());
    for (let i = 0; i <= 400; i++) {
      p.update('irs.pdf: pages', i, 400);
      vi.advanceTimersByTime(10);
    }
    expect(lines).toEqual(['irs.pdf: pages 0/400, working on 1', 'irs.pdf: pages 400/400']);
  });

  it('--quiet prints nothing', () => {
    const { stream, lines } = pipe();
    const p = new Progress(stream, true, () => Date.now());
    p.update('x', 0, 5);
    vi.advanceTimersByTime(30_000);
    expect(lines).toEqual([]);
  });

  it('writes durations for people', () => {
    expect([duration(400), duration(45_000), duration(200_000), duration(3_900_000)]).toEqual(['1 s', '45 s', '3 min 20 s', '1 h 5 min']);
  });
});
