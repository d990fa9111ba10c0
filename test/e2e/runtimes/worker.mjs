// Cloudflare Workers: the keys come as a binding, so the webhook is made on the first request.
import { echoHandler } from './app.mjs';

let handler;

export default {
  fetch(request, env) {
    handler ??= echoHandler(env.WXMP_KEYS);
    return handler(request);
  },
};
