/**
 * The server under test of `npm run bench` (bench/load.ts): a fresh data directory with one
 * reviewer and an API token, then the real Node server (node/serve.ts) on loopback. Prints one
 * JSON line with the token once it listens, then every 5 s one `mem {…}` line: the parts of its
 * memory as the process sees them (main thread heap and external memory, array buffers, each
 * live worker's heap after its last job, the pool's counts), so the bench can tell which part
 * grows. Run as its own process, so the load does not share the server's event loop.
 */
import { openStore } from '../src/node/open-store.js';
import { startServer } from '../src/node/serve.js';
import { sharedPool } from '../src/node/worker-pool.js';

const [dir, port] = [process.argv[2] ?? '', Number(process.argv[3])];
if (!dir || !Number.isInteger(port)) throw new Error('usage: load-server.js DATA_DIR PORT');

const opened = await openStore({ dir });
const user = await opened.store.createUser({ name: 'loadbench', displayName: '压测', role: 'reviewer', password: 'Load-bench-2026!x' }, null);
const { token } = await opened.store.createApiToken(user.id, '压测', user.id);
opened.close();

await startServer({ port, host: '127.0.0.1', dataDir: dir, log: () => undefined });
console.log(JSON.stringify({ ready: true, token, user: 'loadbench', password: 'Load-bench-2026!x' }));

const mb = (n: number) => Math.round(n / 1048576);
setInterval(() => {
  const m = process.memoryUsage();
  const parts = { rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), arrayBuffers: mb(m.arrayBuffers), workers: sharedPool.workerHeaps(), pool: sharedPool.stats() };
  console.log(`mem ${JSON.stringify(parts)}`);
}, 5000).unref();
