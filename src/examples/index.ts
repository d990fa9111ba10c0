/**
 * The example bots `wxmp serve --example NAME` can run.
 * @module
 */
import type { Router } from '../webhook/router.js';
import { createEchoBot } from './echo.js';
import { createLlmBot } from './llm.js';
import { createMenuBot } from './menu.js';

/** Example name → bot factory. */
export const exampleBots: Record<string, () => Router> = {
  echo: createEchoBot,
  menu: createMenuBot,
  llm: () => createLlmBot(),
};

export { createEchoBot, ECHO_WELCOME } from './echo.js';
export { createMenuBot, EXAMPLE_MENU } from './menu.js';
export { createLlmBot, type LlmBotOptions } from './llm.js';
