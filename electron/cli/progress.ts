// Progress on stderr: a redrawn bar on a terminal, plain occasional lines when piped (CI logs).
export class Progress {
  private last = 0;
  private lastLine = '';
  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {}

  update(label: string, done: number, total: number): void {
    if (this.quiet) return;
    const now = Date.now();
    const finished = done >= total;
    if (!finished && now - this.last < 100) return;
    this.last = now;
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (this.stream.isTTY) {
      const width = 24;
      const fill = Math.round((pct / 100) * width);
      this.stream.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total}\x1b[K`);
      if (finished) this.stream.write('\n');
    } else {
      const line = `${label} ${done}/${total}`;
      // Piped output gets a line per 25% so logs stay short.
      if (finished || (pct % 25 === 0 && line !== this.lastLine)) {
        this.stream.write(line + '\n');
        this.lastLine = line;
      }
    }
  }
}
