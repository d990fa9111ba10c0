/**
 * Calls to WeChat, measured where they leave the process: a `fetch` that counts each call by endpoint and outcome,
 * times it, and counts the credential refreshes among them; and the API retries (the client's and the proxy's
 * `onRetry`).
 * @module
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import { endpointByPath } from '../../api/endpoints.js';
import { LATENCY_BUCKETS } from './registry.js';

/** WeChat's credential endpoints and the credential each refreshes. */
const CREDENTIAL_PATHS: Readonly<Record<string, string>> = {
  '/cgi-bin/token': 'access_token',
  '/cgi-bin/stable_token': 'access_token',
  '/cgi-bin/ticket/getticket': 'ticket',
};

/**
 * The counters of the calls a server makes to WeChat, registered in `registry`.
 *
 * @example
 * ```ts
 * import { createMetricsRegistry } from './registry.js';
 * const upstream = new UpstreamMetrics(createMetricsRegistry());
 * const fetch = upstream.measure(globalThis.fetch);
 * await fetch('https://api.weixin.qq.com/cgi-bin/getcallbackip?access_token=TOKEN');
 * ```
 */
export class UpstreamMetrics {
  readonly #calls: Counter<'endpoint' | 'outcome'>;
  readonly #seconds: Histogram<'endpoint'>;
  readonly #refreshes: Counter<'credential' | 'outcome'>;
  readonly #retries: Counter<'endpoint' | 'reason'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.#calls = new Counter({
      name: 'wxmp_upstream_calls_total',
      help: "Calls to WeChat's API, by endpoint path and outcome (HTTP status class, or error when none came back)",
      labelNames: ['endpoint', 'outcome'],
      registers,
    });
    this.#seconds = new Histogram({
      name: 'wxmp_upstream_duration_seconds',
      help: "Time until WeChat's answer headers (or the failure), by endpoint path",
      labelNames: ['endpoint'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#refreshes = new Counter({
      name: 'wxmp_token_refreshes_total',
      help: 'Credentials fetched from WeChat (access_token or ticket), by outcome (ok, errcode, error)',
      labelNames: ['credential', 'outcome'],
      registers,
    });
    this.#retries = new Counter({
      name: 'wxmp_api_retries_total',
      help: 'API calls tried again, by endpoint path and reason (token: rejected token replaced; backoff: busy or no answer)',
      labelNames: ['endpoint', 'reason'],
      registers,
    });
  }

  /**
   * `fetch` with each call counted and timed. Endpoint labels are the table's paths; any other path is `other`,
   * so label values stay bounded.
   */
  measure(fetcher: typeof fetch): typeof fetch {
    return async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const endpoint = endpointLabel(init?.method ?? (input instanceof Request ? input.method : 'GET'), url);
      const credential = CREDENTIAL_PATHS[url.pathname];
      const stop = this.#seconds.startTimer({ endpoint });
      let response: Response;
      try {
        response = await fetcher(input, init);
      } catch (err) {
        stop();
        this.#calls.inc({ endpoint, outcome: 'error' });
        if (credential) this.#refreshes.inc({ credential, outcome: 'error' });
        throw err;
      }
      stop();
      this.#calls.inc({ endpoint, outcome: `${Math.floor(response.status / 100)}xx` });
      if (credential) this.#refreshes.inc({ credential, outcome: await refreshOutcome(response) });
      return response;
    };
  }

  /** An API call is tried again (the `onRetry` of the API client and the proxy). */
  retry(endpoint: string, reason: 'token' | 'backoff'): void {
    // The path comes from the endpoint's definition in code (the table or defineEndpoint), never from a request.
    this.#retries.inc({ endpoint, reason });
  }
}

function endpointLabel(method: string, url: URL): string {
  if (CREDENTIAL_PATHS[url.pathname]) return url.pathname;
  return endpointByPath(method.toUpperCase(), url.pathname) ? url.pathname : 'other';
}

/** `ok`, `errcode` (WeChat answered with an error code) or `error` (not a JSON answer); the body stays readable. */
async function refreshOutcome(response: Response): Promise<string> {
  if (!response.ok) return 'error';
  try {
    const answer = (await response.clone().json()) as { errcode?: number };
    return answer.errcode === undefined || answer.errcode === 0 ? 'ok' : 'errcode';
  } catch {
    return 'error';
  }
}
