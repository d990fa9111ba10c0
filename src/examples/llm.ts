/**
 * The `llm` example bot (`wxmp serve --example llm`): a chat bot answering through any OpenAI-compatible
 * chat-completions endpoint (OpenAI, DeepSeek, Qwen, a local Ollama at `http://127.0.0.1:11434/v1`, …), with a
 * short conversation per fan. Answers take seconds to a minute: the webhook's slow-handler strategies deliver them
 * (see docs/slow-handlers.md).
 * @module
 */
import { silentLogger, type Logger } from '../logger.js';
import { reply } from '../replies/reply.js';
import { Router } from '../webhook/router.js';

/** Settings of {@link createLlmBot}; each defaults to its environment variable. */
export interface LlmBotOptions {
  /** `OPENAI_BASE_URL`, default `https://api.openai.com/v1` (Ollama: `http://127.0.0.1:11434/v1`). */
  baseUrl?: string | undefined;
  /** `OPENAI_API_KEY`; local servers need none. */
  apiKey?: string | undefined;
  /** `OPENAI_MODEL`, default `gpt-4o-mini`. */
  model?: string | undefined;
  /** The system prompt. */
  system?: string | undefined;
  /** Turns (a question and its answer) remembered per fan; default 6. */
  maxTurns?: number | undefined;
  /** Fans remembered at once (least recently heard from go first); default 10 000. */
  maxFans?: number | undefined;
  /** A conversation is forgotten after this long without a message; default 30 minutes. */
  idleMs?: number | undefined;
  /** Longest wait for the endpoint; default 60 s. */
  timeoutMs?: number | undefined;
  fetch?: typeof fetch | undefined;
  logger?: Logger | undefined;
}

/** What the fan reads when the endpoint fails. */
const SORRY = '抱歉，暂时无法回答，请稍后再试。';

type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string };

interface Conversation {
  turns: ChatMessage[];
  lastAt: number;
}

/**
 * Builds the llm bot: text in, the model's answer out; other messages are told it reads text only.
 *
 * @example
 * ```ts
 * import { createWebhook } from 'wxmp';
 * const bot = createLlmBot({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b' });
 * const webhook = createWebhook(bot, { token: 'AAAAA', slow: ['stretch', 'pull'] });
 * ```
 */
export function createLlmBot(options: LlmBotOptions = {}): Router {
  const env = process.env;
  const baseUrl = (options.baseUrl ?? env['OPENAI_BASE_URL'] ?? 'https://api.openai.com/v1').replace(
    /\/+$/,
    '',
  );
  const apiKey = options.apiKey ?? env['OPENAI_API_KEY'];
  const model = options.model ?? env['OPENAI_MODEL'] ?? 'gpt-4o-mini';
  const system = options.system ?? '你是一个微信公众号里的助手，回答简洁。';
  const maxTurns = options.maxTurns ?? 6;
  const maxFans = options.maxFans ?? 10_000;
  const idleMs = options.idleMs ?? 30 * 60_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const doFetch = options.fetch ?? fetch;
  const logger = options.logger ?? silentLogger;
  // Insertion order is recency: a fan's conversation is moved to the end on each message.
  const conversations = new Map<string, Conversation>();

  const history = (openid: string, now: number): ChatMessage[] => {
    const found = conversations.get(openid);
    conversations.delete(openid);
    if (found === undefined || now - found.lastAt > idleMs) return [];
    return found.turns;
  };
  const remember = (openid: string, turns: ChatMessage[], now: number) => {
    conversations.set(openid, { turns: turns.slice(-2 * maxTurns), lastAt: now });
    while (conversations.size > maxFans) conversations.delete(conversations.keys().next().value!);
  };

  const bot = new Router();
  bot.on('text', async (ctx) => {
    const now = Date.now();
    const turns = [...history(ctx.openid, now), { role: 'user' as const, content: ctx.message.content }];
    let answer: string;
    try {
      answer = await complete(turns);
    } catch (err) {
      logger.error({ err, baseUrl, model }, 'llm: the chat-completions endpoint failed');
      remember(ctx.openid, turns.slice(0, -1), now);
      return reply.text(SORRY);
    }
    remember(ctx.openid, [...turns, { role: 'assistant', content: answer }], now);
    return reply.text(answer);
  });
  bot.on('event.subscribe', () => reply.text('欢迎! 发文字给我，我来回答。'));
  bot.use((ctx, next) => (ctx.message.type === 'event' ? next() : reply.text('我目前只看得懂文字消息。')));
  return bot;

  async function complete(turns: ChatMessage[]): Promise<string> {
    const res = await doFetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
      body: JSON.stringify({ model, messages: [{ role: 'system', content: system }, ...turns] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`chat-completions answered HTTP ${res.status}`);
    const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string' || content.trim() === '')
      throw new Error('chat-completions answered no text');
    return content.trim();
  }
}
