/**
 * OCR (智能接口 · OCR识别): identity and bank cards, vehicle and driving licences, business licences, printed text
 * and paper menus. Each takes the picture by URL (`img_url`) or as a file (`img`, under 2 MB).
 * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ocr/api_idcardocr.html
 * @module
 */
import type { ImageInput } from '../types/ocr.js';
import type { ResourceContext } from './context.js';

/**
 * The OCR group of the client.
 *
 * @example
 * ```ts
 * const card = await client.ocr.idCard({ img_url: 'https://example.com/id.jpg' });
 * if (card.type === 'Front') console.log(card.name, card.id);
 * ```
 */
export function createOcrApi({ call }: ResourceContext) {
  return {
    /**
     * Reads an identity card, front or back (POST /cv/ocr/idcard); `type` `photo` (default) or `scan`.
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ocr/api_idcardocr.html
     */
    idCard(image: ImageInput, type?: 'photo' | 'scan') {
      return call('ocr.idCard', type === undefined ? image : { ...image, type });
    },
    /**
     * Reads a bank card's number (POST /cv/ocr/bankcard).
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ocr/api_bankcardocr.html
     */
    bankCard: (image: ImageInput) => call('ocr.bankCard', image),
    /**
     * Reads a vehicle licence, 行驶证 (POST /cv/ocr/driving).
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ocr/api_drivingocr.html
     */
    driving: (image: ImageInput) => call('ocr.driving', image),
    /**
     * Reads a driving licence, 驾驶证 (POST /cv/ocr/drivinglicense).
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ocr/api_drivinglicenseocr.html
     */
    drivingLicense: (image: ImageInput) => call('ocr.drivingLicense', image),
    /**
     * Reads a business licence, 营业执照 (POST /cv/ocr/bizlicense).
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ocr/api_bizlicenseocr.html
     */
    bizLicense: (image: ImageInput) => call('ocr.bizLicense', image),
    /**
     * Reads printed text, line by line with positions (POST /cv/ocr/comm).
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ocr/api_commocr.html
     */
    comm: (image: ImageInput) => call('ocr.comm', image),
    /**
     * Reads a paper menu's dishes and prices (POST /cv/ocr/menu); `content` is JSON text.
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ocr/api_menuocr.html
     */
    menu: (image: ImageInput) => call('ocr.menu', image),
  };
}

/**
 * The type of `client.ocr`.
 */
export type OcrApi = ReturnType<typeof createOcrApi>;
