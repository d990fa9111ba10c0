/**
 * The baseline: a bare node:http server that reads the body (as any server must) and answers a constant string.
 * @module
 */
import { createServer } from 'node:http';
import { serveChild } from './child.js';

const BODY = 'success';
const HEADERS = { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(BODY.length) };

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, HEADERS);
    res.end(BODY);
  });
});

await serveChild(server, { handlerRuns: 0, dedupCalls: 0 });
