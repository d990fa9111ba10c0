/**
 * Rows of the content endpoints: temporary media, permanent material, drafts, publishing and comments.
 * @module
 */
import { API_DOC, get, post, read, type RowsOf } from './row.js';

const MEDIA = `${API_DOC}material/temporary/`;
const MATERIAL = `${API_DOC}material/permanent/`;
const DRAFT = `${API_DOC}draftbox/draftmanage/`;
const PUB = `${API_DOC}public/`;
const COMMENT = `${API_DOC}leaving/`;

// Comment calls name the article by its send's msg_data_id, a 64-bit id WeChat wants as a bare JSON integer.
const comment = { integerFields: ['msg_data_id'] };

/**
 * The media, material, draft, publishing and comment rows.
 *
 * @example
 * ```ts
 * contentRows['comment.list'].integerFields; // ['msg_data_id']
 * ```
 */
export const contentRows = {
  'media.upload': post('/cgi-bin/media/upload', `${MEDIA}api_uploadtempmedia.html`, {
    request: 'multipart',
    query: ['type'],
  }),
  'media.get': get('/cgi-bin/media/get', `${MEDIA}api_getmedia.html`, {
    request: 'query',
    response: 'json-with-video-url',
  }),
  'media.getJssdk': get('/cgi-bin/media/get/jssdk', `${MEDIA}api_gethdvoice.html`, {
    request: 'query',
    response: 'binary-or-json',
  }),
  'media.uploadImg': post('/cgi-bin/media/uploadimg', `${MATERIAL}api_uploadimage.html`, {
    request: 'multipart',
  }),

  'material.add': post('/cgi-bin/material/add_material', `${MATERIAL}api_addmaterial.html`, {
    request: 'multipart',
    query: ['type'],
  }),
  // JSON for news and video material, the file for everything else.
  'material.get': post('/cgi-bin/material/get_material', `${MATERIAL}api_getmaterial.html`, {
    ...read,
    response: 'binary-or-json',
  }),
  'material.delete': post('/cgi-bin/material/del_material', `${MATERIAL}api_delmaterial.html`, read),
  'material.count': get('/cgi-bin/material/get_materialcount', `${MATERIAL}api_getmaterialcount.html`),
  'material.batchGet': post(
    '/cgi-bin/material/batchget_material',
    `${MATERIAL}api_batchgetmaterial.html`,
    read,
  ),

  'draft.add': post('/cgi-bin/draft/add', `${DRAFT}api_draft_add.html`),
  'draft.get': post('/cgi-bin/draft/get', `${DRAFT}api_getdraft.html`, read),
  'draft.delete': post('/cgi-bin/draft/delete', `${DRAFT}api_draft_delete.html`, read),
  'draft.update': post('/cgi-bin/draft/update', `${DRAFT}api_draft_update.html`, read),
  'draft.count': get('/cgi-bin/draft/count', `${DRAFT}api_draft_count.html`),
  'draft.batchGet': post('/cgi-bin/draft/batchget', `${DRAFT}api_draft_batchget.html`, read),

  'publish.submit': post('/cgi-bin/freepublish/submit', `${PUB}api_freepublish_submit.html`),
  'publish.get': post('/cgi-bin/freepublish/get', `${PUB}api_freepublish_get.html`, read),
  'publish.delete': post('/cgi-bin/freepublish/delete', `${PUB}api_freepublishdelete.html`, read),
  'publish.getArticle': post('/cgi-bin/freepublish/getarticle', `${PUB}api_freepublishgetarticle.html`, read),
  'publish.batchGet': post('/cgi-bin/freepublish/batchget', `${PUB}api_freepublish_batchget.html`, read),

  'comment.open': post('/cgi-bin/comment/open', `${COMMENT}api_openarticlecomment.html`, {
    ...read,
    ...comment,
  }),
  'comment.close': post('/cgi-bin/comment/close', `${COMMENT}api_closecomment.html`, { ...read, ...comment }),
  'comment.list': post('/cgi-bin/comment/list', `${COMMENT}api_listcomment.html`, { ...read, ...comment }),
  'comment.markElect': post('/cgi-bin/comment/markelect', `${COMMENT}api_electcomment.html`, {
    ...read,
    ...comment,
  }),
  'comment.unmarkElect': post('/cgi-bin/comment/unmarkelect', `${COMMENT}api_unelectcomment.html`, {
    ...read,
    ...comment,
  }),
  'comment.delete': post('/cgi-bin/comment/delete', `${COMMENT}api_delcomment.html`, { ...read, ...comment }),
  // A second reply to one comment answers 88005: after an unknown outcome, never repeated.
  'comment.addReply': post('/cgi-bin/comment/reply/add', `${COMMENT}api_replycomment.html`, comment),
  'comment.deleteReply': post('/cgi-bin/comment/reply/delete', `${COMMENT}api_delreplycomment.html`, {
    ...read,
    ...comment,
  }),
} satisfies RowsOf<'media' | 'material' | 'draft' | 'publish' | 'comment'>;
