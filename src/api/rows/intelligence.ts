/**
 * Rows of the image-recognition endpoints under `/cv/` (智能接口): a multipart POST whose picture is the field
 * `img`, or `img_url` in the query.
 * @module
 */
import { API_DOC, post, read, type RowsOf } from './row.js';

const OPENPOC = `${API_DOC}openpoc/`;
// Recognising the same picture again changes nothing, so a retry after a network failure is harmless.
const recognise = (path: string, page: string, query: string[] = []) =>
  post(path, `${OPENPOC}${page}`, { ...read, request: 'multipart', query: ['img_url', ...query] });

/**
 * The OCR and image rows.
 *
 * @example
 * ```ts
 * intelligenceRows['ocr.idCard'].query; // ['img_url', 'type']
 * ```
 */
export const intelligenceRows = {
  'ocr.idCard': recognise('/cv/ocr/idcard', 'ocr/api_idcardocr.html', ['type']),
  'ocr.bankCard': recognise('/cv/ocr/bankcard', 'ocr/api_bankcardocr.html'),
  'ocr.driving': recognise('/cv/ocr/driving', 'ocr/api_drivingocr.html'),
  'ocr.drivingLicense': recognise('/cv/ocr/drivinglicense', 'ocr/api_drivinglicenseocr.html'),
  'ocr.bizLicense': recognise('/cv/ocr/bizlicense', 'ocr/api_bizlicenseocr.html'),
  'ocr.comm': recognise('/cv/ocr/comm', 'ocr/api_commocr.html'),
  'ocr.menu': recognise('/cv/ocr/menu', 'ocr/api_menuocr.html'),
  'img.aiCrop': recognise('/cv/img/aicrop', 'image/api_imgaicrop.html', ['ratios']),
  'img.qrcode': recognise('/cv/img/qrcode', 'image/api_imgqrcode.html'),
} satisfies RowsOf<'ocr' | 'img'>;
