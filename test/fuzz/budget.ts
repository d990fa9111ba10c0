/**
 * How many inputs each fuzz property generates. `npm test` (and CI) runs a short form, 1/50 of the full counts;
 * `npm run test:stress` (WXMP_FUZZ=stress) runs the full counts: 105,000 inputs over the XML, the envelope, the
 * query and raw HTTP. Every property counts the inputs it saw, and the stress run prints the tally.
 */
import fc from 'fast-check';

export const STRESS = process.env['WXMP_FUZZ'] === 'stress';

/** Runs of a property: `full` under stress, 1/50 of it (at least 50) otherwise. */
export function runs(full: number): number {
  return STRESS ? full : Math.max(50, Math.ceil(full / 50));
}

/** fast-check's settings: a fixed seed unless WXMP_FUZZ_SEED says otherwise, so a failure reproduces. */
export function settings(numRuns: number): fc.Parameters<unknown> {
  const seed = Number(process.env['WXMP_FUZZ_SEED'] ?? 20_261_113);
  return { numRuns, seed, endOnFailure: true };
}

/** Prints what a property generated, in the stress run. */
export function tally(name: string, count: number): void {
  if (STRESS) console.log(`fuzz ${name}: ${count} inputs`);
}

/** Pieces of XML and HTTP that break parsers, mixed into generated text. */
export const HOSTILE_PIECES = [
  '<',
  '>',
  '</',
  '/>',
  '<![CDATA[',
  ']]>',
  '&',
  '&amp;',
  '&#0;',
  '&#x110000;',
  '<!DOCTYPE x [<!ENTITY e "e">]>',
  '<!ENTITY',
  '<?xml version="1.0"?>',
  '<!--',
  '-->',
  '"',
  "'",
  '\u0000',
  '\uD800',
  '😀',
  '<xml>',
  '</xml>',
  '<Encrypt>',
  '<MsgType>text</MsgType>',
  '\r\n',
  '%00',
  '%',
  '+',
  '=',
  '&&',
];

/** Text that mixes arbitrary characters with hostile pieces. */
export const hostileText = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom(...HOSTILE_PIECES)), {
    maxLength: 30,
  })
  .map((parts) => parts.join(''));

/** `text` with a few edits at generated places: insertions of hostile text, deletions, duplications. */
export function mutated(text: string): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.nat(8), hostileText, fc.constantFrom('insert', 'delete', 'repeat'));
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let out = text;
    for (const [at, length, piece, kind] of edits) {
      const i = at % (out.length + 1);
      if (kind === 'insert') out = out.slice(0, i) + piece + out.slice(i);
      else if (kind === 'delete') out = out.slice(0, i) + out.slice(i + length);
      else out = out.slice(0, i) + out.slice(i, i + length).repeat(3) + out.slice(i + length);
    }
    return out;
  });
}
