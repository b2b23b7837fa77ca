// A throwaway http server on 127.0.0.1 for the URL tests: routes are plain handlers, and every
// socket is tracked so `close()` also ends the requests a test left hanging on purpose.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface LocalServer {
  url: (p: string) => string;
  port: number;
  close: () => Promise<void>;
  /** Paths requested so far, in order. */
  requests: string[];
}

export async function startServer(routes: Record<string, Route>): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '/');
    const route = routes[(req.url ?? '/').split('?')[0]!];
    if (route) route(req, res);
    else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    url: (p) => `http://127.0.0.1:${port}${p}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
