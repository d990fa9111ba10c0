/**
 * Image recognition under `/cv/` (智能接口): OCR of cards, licences, printed text and menus, and the image tools
 * (smart crop, QR/barcode reading). Each takes the picture as `img_url` (in the query) or as the multipart field
 * `img` (under 2 MB).
 * @see https://developers.weixin.qq.com/doc/service/api/openpoc/ocr/api_idcardocr.html
 * @module
 */
import type { BaseResponse, Io, UploadFile } from './common.js';

/**
 * The picture of a recognition call: a URL WeChat downloads, or the file itself.
 *
 * @example
 * ```ts
 * const byUrl: ImageInput = { img_url: 'https://example.com/card.jpg' };
 * const { number } = await client.ocr.bankCard(byUrl);
 * ```
 */
export type ImageInput = { img_url: string; img?: never } | { img: UploadFile; img_url?: never };

/**
 * A point of the picture, in pixels.
 */
export interface Point {
  x: number;
  y: number;
}

/**
 * Where something was found: its four corners.
 *
 * @example
 * ```ts
 * const width = (p: Quad) => p.right_top.x - p.left_top.x;
 * ```
 */
export interface Quad {
  left_top: Point;
  right_top: Point;
  right_bottom: Point;
  left_bottom: Point;
}

/**
 * The size of the picture WeChat read.
 *
 * @example
 * ```ts
 * const area = (s: ImgSize) => s.w * s.h;
 * ```
 */
export interface ImgSize {
  w: number;
  h: number;
}

/**
 * An identity card: the front (`type: 'Front'`) names the person, the back gives the validity.
 *
 * @example
 * ```ts
 * const card = await client.ocr.idCard({ img_url: 'https://example.com/id.jpg' });
 * if (card.type === 'Front') console.log(card.name);
 * ```
 */
export type IdCardResult = BaseResponse &
  (
    | { type: 'Front'; name: string; id: string; addr: string; gender: string; nationality: string }
    | { type: 'Back'; valid_date: string }
  );

/**
 * A bank card.
 *
 * @example
 * ```ts
 * const { number } = await client.ocr.bankCard({ img_url: 'https://example.com/card.jpg' });
 * ```
 */
export interface BankCardResult extends BaseResponse {
  number: string;
}

/**
 * A vehicle licence (行驶证).
 *
 * @example
 * ```ts
 * const { plate_num } = await client.ocr.driving({ img_url: 'https://example.com/licence.jpg' });
 * ```
 */
export interface DrivingResult extends BaseResponse {
  plate_num: string;
  vehicle_type: string;
  owner: string;
  addr: string;
  use_character: string;
  model: string;
  vin: string;
  engine_num: string;
  register_date: string;
  issue_date: string;
}

/**
 * A driving licence (驾驶证).
 *
 * @example
 * ```ts
 * const { car_class } = await client.ocr.drivingLicense({ img_url: 'https://example.com/licence.jpg' });
 * ```
 */
export interface DrivingLicenseResult extends BaseResponse {
  id_num: string;
  name: string;
  sex: string;
  nationality: string;
  address: string;
  birth_date: string;
  issue_date: string;
  car_class: string;
  valid_from: string;
  valid_to: string;
  official_seal: string;
}

/**
 * A business licence (营业执照).
 *
 * @example
 * ```ts
 * const { enterprise_name } = await client.ocr.bizLicense({ img_url: 'https://example.com/licence.jpg' });
 * ```
 */
export interface BizLicenseResult extends BaseResponse {
  reg_num: string;
  serial: string;
  legal_representative: string;
  enterprise_name: string;
  type_of_organization: string;
  address: string;
  type_of_enterprise: string;
  business_scope: string;
  registered_capital: string;
  paid_in_capital: string;
  valid_period: string;
  registered_date: string;
  img_size: ImgSize;
}

/**
 * Printed text: each line with where it stands.
 *
 * @example
 * ```ts
 * const lines = (await client.ocr.comm({ img_url: 'https://example.com/page.jpg' })).items.map((i) => i.text);
 * ```
 */
export interface CommResult extends BaseResponse {
  items: { text: string; pos: Quad }[];
  img_size: ImgSize;
}

/**
 * A paper menu; WeChat sends `content` as a JSON text of `{ menu_items: [{ name, price }] }`.
 *
 * @example
 * ```ts
 * const { content } = await client.ocr.menu({ img_url: 'https://example.com/menu.jpg' });
 * const dishes = (JSON.parse(content) as { menu_items: { name: string; price: number }[] }).menu_items;
 * ```
 */
export interface MenuOcrResult extends BaseResponse {
  content: string;
}

/**
 * The crops `img/aicrop` proposes, best first.
 *
 * @example
 * ```ts
 * const [best] = (await client.img.aiCrop({ img_url: 'https://example.com/a.jpg' })).results;
 * ```
 */
export interface AiCropResult extends BaseResponse {
  results: { crop_left: number; crop_top: number; crop_right: number; crop_bottom: number }[];
  img_size: ImgSize;
}

/**
 * The codes `img/qrcode` read: `type_name` such as `QR_CODE`, `EAN_13`, `DATA_MATRIX`, `PDF_417`.
 *
 * @example
 * ```ts
 * const texts = (await client.img.qrcode({ img_url: 'https://example.com/qr.png' })).code_results.map((c) => c.data);
 * ```
 */
export interface QrcodeScanResult extends BaseResponse {
  code_results: { type_name: string; data: string; pos: Quad }[];
  img_size: ImgSize;
}

/**
 * Request and response of every `/cv/` endpoint, by table name.
 */
export interface OcrEndpoints {
  'ocr.idCard': Io<ImageInput & { type?: 'photo' | 'scan' }, IdCardResult>;
  'ocr.bankCard': Io<ImageInput, BankCardResult>;
  'ocr.driving': Io<ImageInput, DrivingResult>;
  'ocr.drivingLicense': Io<ImageInput, DrivingLicenseResult>;
  'ocr.bizLicense': Io<ImageInput, BizLicenseResult>;
  'ocr.comm': Io<ImageInput, CommResult>;
  'ocr.menu': Io<ImageInput, MenuOcrResult>;
  'img.aiCrop': Io<ImageInput & { ratios?: string }, AiCropResult>;
  'img.qrcode': Io<ImageInput, QrcodeScanResult>;
}
