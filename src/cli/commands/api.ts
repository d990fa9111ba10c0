/**
 * `wxmp api ENDPOINT [JSON]`: calls one endpoint of the table (by name such as `menu.get`, or by path such as
 * `/cgi-bin/menu/get`) with the account of the environment, and prints WeChat's JSON answer.
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import { createApiClient, type WeChatClient } from '../../api/client.js';
import { endpointByPath, endpoints, isEndpointName, type EndpointSpec } from '../../api/endpoints.js';
import { isFileResponse } from '../../api/types/common.js';
import { loadDotEnv, readEnv } from '../../config.js';
import { WeChatError } from '../../errors.js';
import { createTokenManagerFromEnv, requireCredentials } from '../../token/from-env.js';

/**
 * Flags shared by the commands that call WeChat.
 */
export interface ClientFlags {
  /** Cache the token in this file when REDIS_URL is not set. */
  tokenFile?: string;
}

/**
 * Runs `work` with an API client for the account of the environment (`WECHAT_APPID`, `WECHAT_APPSECRET`,
 * `WECHAT_API_BASE`, `REDIS_URL`), and closes the token manager afterwards.
 *
 * @example
 * ```ts
 * await withClientFromEnv({}, async (client) => console.log(await client.menu.get()));
 * ```
 */
export async function withClientFromEnv<T>(
  flags: ClientFlags,
  work: (client: WeChatClient) => Promise<T>,
): Promise<T> {
  loadDotEnv();
  const env = readEnv();
  const { appId, appSecret } = requireCredentials(env);
  const manager = createTokenManagerFromEnv(
    env,
    flags.tokenFile !== undefined ? { filePath: flags.tokenFile } : {},
  );
  try {
    return await work(createApiClient({ tokenProvider: manager, apiBase: env.apiBase, appId, appSecret }));
  } finally {
    await manager.close();
  }
}

/**
 * Finds an endpoint by table name or by path (GET first, then POST).
 *
 * @example
 * ```ts
 * resolveEndpoint('/cgi-bin/menu/create').name; // 'menu.create'
 * ```
 */
export function resolveEndpoint(nameOrPath: string): EndpointSpec {
  const spec = isEndpointName(nameOrPath)
    ? endpoints[nameOrPath]
    : (endpointByPath('GET', nameOrPath) ?? endpointByPath('POST', nameOrPath));
  if (spec) return spec;
  throw new WeChatError('CONFIG_INVALID', `${nameOrPath} is not an endpoint of the table`, {
    hint: 'Run `wxmp api --list` for the names and paths',
  });
}

/**
 * Parses the JSON argument; in multipart requests a string `"@path"` stands for the file at that path, and so it
 * does for the field a raw request sends as its body (the bytes of the file, or its UTF-8 text for a text body).
 *
 * @example
 * ```ts
 * import { endpoints } from 'wxmp/api';
 * await parseRequestArgument('{"type":"image","media":"@logo.png"}', endpoints['media.upload']);
 * // { type: 'image', media: { data: <the bytes of logo.png>, filename: 'logo.png' } }
 * await parseRequestArgument('{"voice_id":"v1","format":"mp3","voice":"@q.mp3"}', endpoints['ai.submitVoice']);
 * // { voice_id: 'v1', format: 'mp3', voice: <the bytes of q.mp3> }
 * ```
 */
export async function parseRequestArgument(json: string | undefined, spec: EndpointSpec): Promise<unknown> {
  if (json === undefined) return undefined;
  let request: unknown;
  try {
    request = JSON.parse(json);
  } catch (err) {
    throw new WeChatError(
      'CONFIG_INVALID',
      `The JSON argument is not valid JSON (${(err as Error).message})`,
      {
        hint: `Quote it for the shell, e.g. wxmp api ${spec.name} '{"key":"value"}'`,
      },
    );
  }
  if (typeof request !== 'object' || request === null) return request;
  const fields: Record<string, unknown> = { ...(request as Record<string, unknown>) };
  if (spec.request === 'multipart') {
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === 'string' && value.startsWith('@')) {
        const path = value.slice(1);
        fields[key] = { data: await readArgumentFile(key, path), filename: basename(path) };
      }
    }
  } else if (spec.request === 'raw' && spec.rawBody) {
    const { field, contentType } = spec.rawBody;
    const value = fields[field];
    if (typeof value === 'string' && value.startsWith('@')) {
      const data = await readArgumentFile(field, value.slice(1));
      fields[field] = contentType.startsWith('text/') ? data.toString('utf8') : data;
    }
  }
  return fields;
}

async function readArgumentFile(key: string, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    // Like `wxmp menu push`: a missing or unreadable file is bad input, told in one line (exit 2).
    throw new WeChatError(
      'CONFIG_INVALID',
      `Cannot read the file ${path} of "${key}" (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      { hint: `Check the path after "@", e.g. "${key}":"@./logo.png"` },
    );
  }
}

/**
 * Registers `wxmp api`.
 *
 * @example
 * ```ts
 * import { Command } from 'commander';
 * const program = new Command('wxmp');
 * register(program);
 * await program.parseAsync(['node', 'wxmp', 'api', 'user.info', '{"openid":"OPENID"}']);
 * ```
 */
export function register(program: Command): void {
  program
    .command('api')
    .description(
      'call a WeChat API endpoint by name (menu.get) or path (/cgi-bin/menu/get) and print the JSON answer',
    )
    .argument('[endpoint]', 'table name or path; see --list')
    .argument(
      '[json]',
      'the request: JSON body, or the query fields of GET endpoints; "@path" uploads a file (or is the raw body)',
    )
    .option('--list', 'list every endpoint of the table')
    .option('--out <file>', 'where to write a file answer (media/get, material/get_material)')
    .option('--token-file <path>', 'cache the access_token in this file when REDIS_URL is not set')
    .action(
      async (
        name: string | undefined,
        json: string | undefined,
        flags: ClientFlags & { list?: boolean; out?: string },
      ) => {
        if (flags.list || name === undefined) {
          for (const spec of Object.values(endpoints)) {
            process.stdout.write(`${spec.name.padEnd(28)} ${spec.method.padEnd(5)} ${spec.path}\n`);
          }
          return;
        }
        const spec = resolveEndpoint(name);
        const request = await parseRequestArgument(json, spec);
        const answer = await withClientFromEnv(flags, (client) => client.request(spec, request));
        if (!isFileResponse(answer)) {
          process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
          return;
        }
        if (flags.out === undefined) {
          await answer.body.cancel();
          throw new WeChatError(
            'CONFIG_INVALID',
            `${spec.name} answered with a file (${answer.contentType})`,
            {
              hint: 'Pass --out FILE to save it',
            },
          );
        }
        await writeFile(flags.out, Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>));
        process.stdout.write(
          `${flags.out}: ${answer.contentType}${answer.filename ? ` (${answer.filename})` : ''}\n`,
        );
      },
    );
}
