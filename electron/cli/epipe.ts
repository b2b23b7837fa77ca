// `folio skills | head`: when the reader of stdout or stderr goes away, Node emits EPIPE as an
// 'error' event on the stream, and with no listener that is an uncaught exception with a stack
// trace. A closed pipe means nobody wants the rest of the output, so exit quietly, as Unix tools do.

let installed = false;

export function exitQuietlyOnEpipe(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
}
