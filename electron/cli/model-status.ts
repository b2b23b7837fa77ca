// The model's streamed answer in the CLI trace: on a terminal, one live status line ("waiting for
// the model (37 s)…", then the reasoning or text as it arrives) that the next trace line replaces;
// in a log (no TTY), one line per answer with its time and size, and every provider notice.
import type { RunEvent } from '../../engine/agent/index.js';

type StreamEvent = Extract<RunEvent, { type: 'model-stream' }>;

export class ModelStatus {
  private since: number | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private last = '';
  /** What streamed so far this answer (its tail is shown). */
  private streamed = '';
  private phase = '';

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {}

  /** Handles model-stream and notice events; returns false for every other event. */
  handle(e: { type: string; message?: unknown; phase?: unknown; waitedMs?: unknown }): boolean {
    if (e.type === 'notice') {
      if (!this.quiet) this.write(`folio: ${String(e.message)}\n`, true);
      return true;
    }
    if (e.type === 'step-start') this.start();
    if (e.type !== 'model-stream') return false;
    const s = e as unknown as StreamEvent;
    if (this.quiet) return true;
    if (s.phase === 'done') {
      this.stop();
      // The answer's size and time; on a TTY the status line becomes this line.
      this.write(`       ${s.message}\n`, true);
      return true;
    }
    if (this.out.isTTY) {
      // A writer's request has no step-start: its first update starts the line and its clock.
      if (this.since === null) {
        this.start();
        this.since = Date.now() - s.waitedMs;
      }
      if (s.phase === 'reasoning' || s.phase === 'text') {
        if (s.phase !== this.phase) this.streamed = '';
        this.phase = s.phase;
        this.streamed = `${this.streamed}${s.delta}`.replace(/\s+/g, ' ').slice(-400);
        this.last = `${s.phase}: ${this.streamed}`;
      }
      this.render();
    }
    return true;
  }

  /** A request is going out: count the seconds on the status line until the first words come. */
  start(): void {
    if (this.quiet || !this.out.isTTY) return;
    this.since = Date.now();
    this.last = '';
    this.streamed = '';
    this.phase = '';
    this.ticker ??= setInterval(() => this.render(), 1000);
    this.ticker.unref();
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.since = null;
  }

  private render(): void {
    if (this.since === null) return;
    const secs = Math.round((Date.now() - this.since) / 1000);
    const cols = Math.max(40, (this.out.columns ?? 100) - 1);
    const head = this.last ? `model (${secs} s) ` : `waiting for the model (${secs} s)…`;
    // The newest words: the tail of what streamed, as wide as the terminal.
    const tail = this.last ? this.last.slice(-Math.max(10, cols - head.length)) : '';
    this.out.write(`\r\x1b[K${head}${tail}`);
  }

  private write(text: string, clear: boolean): void {
    this.out.write(`${clear && this.out.isTTY ? '\r\x1b[K' : ''}${text}`);
  }
}
