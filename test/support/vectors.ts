/**
 * The known-answer vectors of the protocol reference (a copy of shared/protocol/vectors.json, kept in the repo so
 * the suite runs from a clean clone).
 */
import { readFileSync } from 'node:fs';

interface Vector<I, E> {
  id: string;
  inputs: I;
  expected: E;
  observed_plaintext?: string;
  observed_padding_bytes?: number;
}

export interface Vectors {
  signature: Vector<
    { token: string; timestamp: string; nonce: string; echostr?: string },
    { signature: string; joined?: string }
  >[];
  msg_signature: Vector<
    { token: string; timestamp: string; nonce: string; encrypt: string },
    { msg_signature: string }
  >[];
  aes: (Vector<
    {
      encoding_aes_key: string;
      appid: string;
      token?: string;
      timestamp?: string;
      nonce?: string;
      encrypt?: string;
      random_16?: string;
      plaintext?: string;
    },
    {
      encrypt?: string;
      plaintext?: string;
      msg_signature?: string;
      appid?: string;
      random_16?: string;
      msg_len?: number;
      plaintext_fields?: Record<string, string>;
    }
  > & { direction: 'encrypt' | 'decrypt' })[];
  jssdk_signature: Vector<
    { jsapi_ticket: string; noncestr: string; timestamp: string; url: string },
    { string1: string; signature: string }
  >[];
  inbound_xml: { id: string; xml: string; expected_fields: Record<string, string> }[];
  encrypted_reply_envelope: {
    id: string;
    inputs: Record<string, string>;
    expected_fields: Record<string, string>;
    template: string;
  }[];
}

export const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/vectors.json', import.meta.url), 'utf8'),
) as Vectors;
