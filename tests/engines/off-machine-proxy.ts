// An HTTP proxy on 127.0.0.1 that every engine under test is told to use for anything that is
// not on this machine. It forwards nothing: it records each request (plain HTTP by its URL,
// HTTPS by its CONNECT target) and refuses it. Engines send loopback traffic (the app's own
// origin) direct, so an empty record means no request of the page, its workers or its service
// worker tried to leave the machine — evidence that works the same under CDP, WebDriver BiDi
// and classic WebDriver, which has no network events at all.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OffMachineProxy {
  /** host:port, for the engines' proxy settings. */
  readonly address: string;
  readonly port: number;
  /** What reached the proxy so far, e.g. 'GET http://example.com/' or 'CONNECT cdn.x:443'. */
  readonly seen: string[];
  close(): Promise<void>;
}

export async function startOffMachineProxy(): Promise<OffMachineProxy> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(
      'Refused by the LocalSight test proxy: this request left the machine.',
    );
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
