// Progress on stderr: a redrawn bar on a terminal; when piped (CI, logs, the app's job log), plain
// lines: one when a phase starts, one at least every PIPED_EVERY_MS while it runs (also while no
// item finishes, as during a long OCR page), each with the item being worked on and an estimate of
// the time left, and one when it ends.
export const PIPED_EVERY_MS = 5_000;

interface Phase {
  label: string;
  done: number;
  total: number;
  started: number;
}

export class Progress {
  private last = 0;
  private phase: Phase | null = null;
  private lastPrinted = 0;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
    private readonly now: () => number = Date.now,
  ) {}

  update(label: string, done: number, total: number): void {
    if (this.quiet) return;
    const now = this.now();
    const finished = done >= total;
    if (this.stream.isTTY) {
      if (!finished && now - this.last < 100) return;
      this.last = now;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      const width = 24;
      const fill = Math.round((pct / 100) * width);
      this.stream.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total}\x1b[K`);
      if (finished) this.stream.write('\n');
      return;
    }
    const fresh = this.phase === null || this.phase.label !== label || this.phase.total !== total || done < this.phase.done;
    if (fresh) this.phase = { label, done, total, started: now };
    else this.phase!.done = done;
    if (fresh || finished || now - this.lastPrinted >= PIPED_EVERY_MS) this.print(now);
    if (finished) {
      this.phase = null;
      this.stopHeartbeat();
    } else {
      this.startHeartbeat();
    }
  }

  /** Stops the piped heartbeat (the timer never keeps the process alive in any case). */
  stop(): void {
    this.stopHeartbeat();
    this.phase = null;
  }

  private print(now: number): void {
    const p = this.phase;
    if (!p) return;
    this.lastPrinted = now;
    const parts = [`${p.label} ${p.done}/${p.total}`];
    if (p.done < p.total) {
      // The item being worked on: the next one after those done (items may finish out of order).
      parts.push(`working on ${p.done + 1}`);
      const elapsed = now - p.started;
      if (p.done > 0 && elapsed > 0) parts.push(`about ${duration((elapsed / p.done) * (p.total - p.done))} left`);
      else if (elapsed >= 1000) parts.push(`${duration(elapsed)} so far`);
    }
    this.stream.write(parts.join(', ') + '\n');
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      if (this.phase && this.now() - this.lastPrinted >= PIPED_EVERY_MS - 50) this.print(this.now());
    }, PIPED_EVERY_MS);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}

/** "45 s", "3 min 20 s", "1 h 5 min". */
export function duration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
