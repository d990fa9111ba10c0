/**
 * `-` as an argument means standard input, for `encrypt`, `decrypt` and `send`.
 * @module
 */

/**
 * Returns the argument, or all of stdin when it is `-`.
 *
 * @example
 * ```ts
 * const xml = await readInput(process.argv[2] ?? '-'); // `wxmp encrypt - < message.xml` reads message.xml
 * ```
 */
export async function readInput(
  arg: string,
  stdin: AsyncIterable<Buffer | string> = process.stdin,
): Promise<string> {
  if (arg !== '-') return arg;
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
