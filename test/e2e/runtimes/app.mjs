// The echo bot on the built package's fetch adapter: what each runtime's server below serves.
import { createWebhook } from '../../../dist/index.js';
import { createEchoBot } from '../../../dist/examples/index.js';
import { fetchHandler } from '../../../dist/webhook/adapters/fetch.js';

/** `keys`: the account's token, appId and encodingAESKey, as JSON (from the environment or a binding). */
export const echoHandler = (keys) => fetchHandler(createWebhook(createEchoBot(), JSON.parse(keys)));
