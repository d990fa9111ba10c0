/* global Deno */
// Deno: serves the echo bot on a free loopback port and prints the URL (the test waits for that line).
import { echoHandler } from './app.mjs';

Deno.serve(
  {
    hostname: '127.0.0.1',
    port: 0,
    onListen: ({ hostname, port }) => console.log(`listening http://${hostname}:${port}/`),
  },
  echoHandler(Deno.env.get('WXMP_KEYS')),
);
