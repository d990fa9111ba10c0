/* global Bun */
// Bun: serves the echo bot on a free loopback port and prints the URL (the test waits for that line).
import { echoHandler } from './app.mjs';

const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: echoHandler(process.env.WXMP_KEYS) });
console.log(`listening ${server.url.href}`);
