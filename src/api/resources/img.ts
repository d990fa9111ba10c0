/**
 * Image processing (智能接口 · 图像处理): smart cropping and reading QR codes and barcodes in a picture, given by URL
 * (`img_url`) or as a file (`img`, under 2 MB).
 * @see https://developers.weixin.qq.com/doc/service/api/openpoc/image/api_imgqrcode.html
 * @module
 */
import type { ImageInput } from '../types/ocr.js';
import type { ResourceContext } from './context.js';

/**
 * The image group of the client.
 *
 * @example
 * ```ts
 * const { code_results } = await client.img.qrcode({ img_url: 'https://example.com/qr.png' });
 * console.log(code_results.map((c) => `${c.type_name}: ${c.data}`));
 * ```
 */
export function createImgApi({ call }: ResourceContext) {
  return {
    /**
     * Proposes crops around the picture's subject (POST /cv/img/aicrop); `ratios` such as `'1,0.5'` (width/height,
     * up to 5).
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/image/api_imgaicrop.html
     */
    aiCrop(image: ImageInput, ratios?: string) {
      return call('img.aiCrop', ratios === undefined ? image : { ...image, ratios });
    },
    /**
     * Reads the QR codes, barcodes, DataMatrix and PDF417 codes in a picture (POST /cv/img/qrcode).
     * @see https://developers.weixin.qq.com/doc/service/api/openpoc/image/api_imgqrcode.html
     */
    qrcode: (image: ImageInput) => call('img.qrcode', image),
  };
}

/**
 * The type of `client.img`.
 */
export type ImgApi = ReturnType<typeof createImgApi>;
