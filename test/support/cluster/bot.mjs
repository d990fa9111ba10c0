/* global setTimeout */
// The bot of the deploy and cluster tests (run by `wxmp serve --handler`): it answers `answer:<text>` and counts
// each run per text in a Redis hash (WXMP_TEST_RUNS_KEY), so a test can tell how often the handler ran for each
// message across instances and restarts. A text starting with `slow` takes WXMP_TEST_SLOW_MS (past WeChat's 5 s).
import { createClient } from 'redis';

const runs = createClient({ url: process.env.REDIS_URL });
runs.on('error', () => {});
await runs.connect();
const key = process.env.WXMP_TEST_RUNS_KEY;
const slowMs = Number(process.env.WXMP_TEST_SLOW_MS ?? '6000');

export default async function clusterBot(ctx, next) {
  if (ctx.message.type !== 'text') return next();
  const text = ctx.message.content;
  await runs.hIncrBy(key, text, 1);
  if (text.startsWith('slow')) await new Promise((resolve) => setTimeout(resolve, slowMs));
  return `answer:${text}`;
}
