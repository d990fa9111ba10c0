import { createServer } from 'node:http';
import { nodeHandler } from '../../../src/webhook/adapters/node.js';
import { describeAdapter, listen } from './shared.js';

describeAdapter('node:http', (webhook) => listen(createServer(nodeHandler(webhook))));
