/**
 * What an endpoint handler receives, and the shape of the handler tables each API group exports.
 * @module
 */
import type { EndpointName } from '../../../api/endpoint-types.js';
import type { EndpointSpec } from '../../../api/endpoints.js';
import type { Logger } from '../../../logger.js';
import type { EmulatorState } from '../../state.js';

/** Settings of the platform API. */
export interface PlatformOptions {
  /** Sends a push (job-finish events) to the developer's webhook; supplied by the emulator app. */
  push: (openid: string, messageXml: string, kind: string) => Promise<unknown>;
  /** How long a mass send, template send or publish takes before its job-finish push; default 500 ms. */
  jobFinishDelayMs?: number;
  /** The longest an injected `timeout` fault holds a request open; default 30 s. */
  maxHoldMs?: number;
  /** Where handler bugs are reported (the caller sees WeChat's -1); default silent. */
  logger?: Logger;
}

/**
 * One call of an endpoint, already authenticated, counted and parsed by the runner.
 */
export interface Call {
  state: EmulatorState;
  options: Required<PlatformOptions>;
  spec: EndpointSpec;
  /** The query string (first value of each name). */
  query: Record<string, string>;
  /** The JSON body of `json` endpoints (64-bit ids as strings); `{}` otherwise. */
  body: Record<string, unknown>;
  /** The form of `multipart` endpoints. */
  form: FormData | undefined;
  /** The body of `raw` endpoints as it came (empty otherwise), and its content type (`''` when none was sent). */
  raw: { bytes: Uint8Array; contentType: string };
  /** Origin of the request (`http://127.0.0.1:3000`), for URLs the emulator serves itself. */
  origin: string;
}

/**
 * Serves one endpoint: returns the JSON body of the answer (or a full `Response` for files and bare 64-bit
 * integers), or throws a `WxError`.
 */
export type Handler = (call: Call) => unknown;

/**
 * The handlers one API group contributes, keyed by the endpoint's name in the table.
 *
 * @example
 * ```ts
 * import { silentLogger } from 'wxmp';
 * import { endpointRoutes } from './runner.js';
 * const handlers: Handlers = { 'tag.list': ({ state }) => ({ tags: [...state.tags.values()] }) };
 * const options = { push: async () => undefined, jobFinishDelayMs: 500, maxHoldMs: 30_000, logger: silentLogger };
 * const app = endpointRoutes(state, options, handlers); // every other endpoint answers 48001
 * ```
 */
export type Handlers = { readonly [N in EndpointName]?: Handler };
