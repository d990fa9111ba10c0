import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { EndpointName } from '../../../src/api/endpoint-types.js';
import { endpoints, isEndpointName } from '../../../src/api/endpoints.js';
import type { CallFn, ResourceContext } from '../../../src/api/resources/context.js';
import {
  apiGroups,
  CLIENT_HELPERS,
  createApiGroups,
  type ApiGroupName,
  type ClientHelper,
  type ClientMethodName,
} from '../../../src/api/resources/groups.js';

// Checked by the typecheck: a method that is neither an endpoint's key nor a declared helper names itself here.
type Undeclared = Exclude<ClientMethodName, EndpointName | keyof typeof CLIENT_HELPERS>;
const everyMethodDeclared: [Undeclared] extends [never] ? true : Undeclared = true;

type AnyMethod = (...args: unknown[]) => unknown;

/** Every group built on a `call` that records the endpoint names it is given and answers an empty page. */
function recordingGroups() {
  const called: string[] = [];
  const call = ((name: string) => {
    called.push(name);
    return Promise.resolve({});
  }) as unknown as CallFn;
  const context: ResourceContext = {
    call,
    appId: 'wx0123456789abcdef',
    authorizeOrigin: 'https://open.weixin.qq.com',
    qrcodeOrigin: 'https://mp.weixin.qq.com',
    mpOrigin: 'https://mp.weixin.qq.com',
    ticketProvider: { getTicket: () => Promise.resolve('TICKET') },
    now: () => 1_700_000_000_000,
  };
  const groups = createApiGroups(context) as unknown as Record<string, Record<string, AnyMethod>>;
  return { called, groups };
}

const BUTTONS = [{ type: 'click', name: 'Hi', key: 'HI' }];
// Arguments that pass the client-side checks; every other method gets DEFAULT_ARGS.
const ARGS: Partial<Record<ClientMethodName, unknown[]>> = {
  'menu.create': [{ button: BUTTONS }],
  'menu.addConditional': [{ button: BUTTONS, matchrule: { tag_id: '2' } }],
  'user.batchGet': [['OPENID']],
  'tag.batchTagging': [['OPENID'], 2],
  'tag.batchUntagging': [['OPENID'], 2],
  'blacklist.batchBlacklist': [['OPENID']],
  'blacklist.batchUnblacklist': [['OPENID']],
  'qrcode.temporary': ['promo', 60],
  'qrcode.permanent': [42],
  'oauth.authorizeUrl': [{ redirectUri: 'https://example.com/cb', scope: 'snsapi_base' }],
  'jssdk.config': [{ url: 'https://example.com/', jsApiList: [] }],
  'comment.list': [{ msg_data_id: '1', begin: 0, count: 20, type: 0 }],
  'comment.addReply': ['1', 0, 1, '谢谢'],
  'subscribe.addTemplate': [{ tid: '99', kidList: [1, 2] }],
  'subscribe.consentUrl': [{ templateId: 'T', scene: 1, redirectUrl: 'https://example.com/sub' }],
  'shortKey.generate': ['long data'],
  'mass.setSpeed': [1],
  'user.changeOpenid': ['wxOLD', ['OPENID']],
};
// Every statistics method takes a date range its endpoint accepts.
const DATE_RANGE = ['2024-06-01', '2024-06-01'];
const DEFAULT_ARGS = ['X1', 'X2', 'X3'];

const { groups } = recordingGroups();
const methods = Object.entries(groups).flatMap(([group, api]) =>
  Object.keys(api).map((method) => `${group}.${method}` as ClientMethodName),
);

async function invoke(name: ClientMethodName): Promise<string[]> {
  const { called, groups: fresh } = recordingGroups();
  const [group = '', method = ''] = name.split('.');
  const args = ARGS[name] ?? (group === 'datacube' ? DATE_RANGE : DEFAULT_ARGS);
  const result = fresh[group]?.[method]?.(...args);
  if (typeof result === 'object' && result !== null && Symbol.asyncIterator in result) {
    await (result as AsyncGenerator).next();
  } else {
    await result;
  }
  return called;
}

describe('one vocabulary: every client method is named as the endpoint it calls', () => {
  it('has no method the types do not know as an endpoint or a declared helper', () => {
    expect(everyMethodDeclared).toBe(true);
  });

  it.each(methods)('%s calls exactly its own endpoint, or is a declared helper', async (name) => {
    const called = await invoke(name);
    if (isEndpointName(name)) {
      expect(called).toEqual([name]);
    } else {
      expect(Object.keys(CLIENT_HELPERS), `${name} is not an endpoint: rename it or declare it`).toContain(
        name,
      );
      expect(called).toEqual((CLIENT_HELPERS as Record<string, ClientHelper>)[name]?.calls);
    }
  });

  it('declares only helpers that exist', () => {
    for (const helper of Object.keys(CLIENT_HELPERS)) expect(methods).toContain(helper);
  });

  it('names its groups as the prefixes of the endpoint table, and has a method for every endpoint but the token fetches', () => {
    const prefixes = new Set(Object.keys(endpoints).map((name) => name.split('.')[0]));
    expect([...prefixes].sort()).toEqual([...Object.keys(apiGroups), 'token'].sort());
    const missing = Object.keys(endpoints).filter(
      (name) => !name.startsWith('token.') && !methods.includes(name as ClientMethodName),
    );
    expect(missing).toEqual([]);
  });
});

/** The TSDoc of each documented object-literal member of a group's file, by member name. */
function memberDocs(group: ApiGroupName): Map<string, string[]> {
  const file = `src/api/resources/${group.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.ts`;
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const docs = new Map<string, string[]>();
  const visit = (node: ts.Node): void => {
    const member =
      ts.isMethodDeclaration(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node);
    if (member && ts.isObjectLiteralExpression(node.parent)) {
      const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
      const doc = comments.map((c) => text.slice(c.pos, c.end)).findLast((c) => c.startsWith('/**'));
      if (doc !== undefined) docs.set(node.name.getText(), [...(docs.get(node.name.getText()) ?? []), doc]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return docs;
}

describe('TSDoc of the client methods', () => {
  const docs = new Map(Object.keys(apiGroups).map((group) => [group, memberDocs(group as ApiGroupName)]));

  it.each(methods)("%s links WeChat's page for its endpoint, or says it is a helper", (name) => {
    const [group = '', method = ''] = name.split('.');
    const found = docs.get(group)?.get(method) ?? [];
    expect(found, `one TSDoc block for ${name}`).toHaveLength(1);
    if (isEndpointName(name)) {
      expect(found[0]).toContain(`@see ${endpoints[name].doc}`);
      expect(found[0]).not.toMatch(/Helper \(not an endpoint\)/);
    } else {
      expect(found[0]).toMatch(/^\/\*\*\s*\n\s*\* Helper \(not an endpoint\): /);
    }
  });
});
