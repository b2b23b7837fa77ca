// The CLI's live model line also follows a writer's requests, which come without a step-start: the
// first update starts the line, its text grows in place, and 'done' leaves one summary line.
import { expect, it, vi } from 'vitest';
import { ModelStatus } from '../../electron/cli/model-status.js';

function tty(): { out: NodeJS.WriteStream; text: () => string } {
  let buf = '';
  const out = { isTTY: true, columns: 120, write: (s: string) => ((buf += s), true) } as unknown as NodeJS.WriteStream;
  // ESC as a visible mark, so the expectations below need no control characters.
  return { out, text: () => buf.replaceAll('\x1b', '<ESC>') };
}

it('shows a writer request without a step-start, its clock ticking, then its summary line', () => {
  vi.useFakeTimers();
  const t = tty();
  const status = new ModelStatus(t.out, false);
  const ev = (phase: string, delta: string, message: string) => ({ type: 'model-stream', request: 'write:s1', phase, delta, message, waitedMs: 1500, reasoningChars: 0, textChars: 20 });
  expect(status.handle(ev('text', 'The authors tune ', 'text: The authors tune'))).toBe(true);
  expect(status.handle(ev('text', 'on PubTabNet.', 'text: on PubTabNet.'))).toBe(true);
  expect(t.text()).toMatch(/\r<ESC>\[Kmodel \(2 s\) text: The authors tune on PubTabNet\.$/);
  // No update for 3 s (a slow model): the seconds still count on the line.
  vi.advanceTimersByTime(3000);
  expect(t.text()).toMatch(/\r<ESC>\[Kmodel \(5 s\) text: The authors tune on PubTabNet\.$/);
  status.handle(ev('done', '', 'the model on "Results" answered in 2.0 s (0 chars reasoning, 30 chars text)'));
  expect(t.text()).toMatch(/\r<ESC>\[K {7}the model on "Results" answered in 2\.0 s \(0 chars reasoning, 30 chars text\)\n$/);
  status.stop();
  vi.useRealTimers();
});
