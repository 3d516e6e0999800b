import net from 'node:net';

/**
 * A loopback port that nothing listens on (it was free a moment ago): a dead peer to point a
 * transport at, or the port a peer will come back on later.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
