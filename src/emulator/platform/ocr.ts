/**
 * Image recognition under `/cv/` (OCR of cards and licences, printed text and menus; smart crop; QR codes). The
 * emulator reads no picture: it checks the input as WeChat does (101000 no picture or a URL it cannot fetch,
 * 101002 a file that is not an image under 2 MB) and answers the sample of each endpoint's page, sized to the file
 * when it can tell (a PNG's header). An identity card whose file name says `back` answers the back side.
 * @module
 */
import type { Call, Handler, Handlers } from './core/handler.js';
import { fail, OK } from './core/respond.js';

/** The largest picture, in bytes (each page: 文件大小限制：小于2M). */
const MAX_BYTES = 2 * 1024 * 1024;
const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'bmp', 'gif'];

/** What the call's picture is: its size when a PNG says it, and its file name. */
interface Picture {
  w: number;
  h: number;
  filename: string;
}

async function picture({ query, form }: Call): Promise<Picture> {
  const file = form?.get('img');
  if (file instanceof File) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
    if (bytes.length === 0 || bytes.length >= MAX_BYTES || !IMAGE_EXTENSIONS.includes(ext)) fail(101002);
    const png = bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 && bytes.length >= 24;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    return png
      ? { w: view.getUint32(16), h: view.getUint32(20), filename: file.name }
      : { w: 800, h: 600, filename: file.name };
  }
  const url = query['img_url'];
  if (url === undefined || !/^https?:\/\/\S+$/.test(url)) fail(101000);
  return { w: 800, h: 600, filename: url };
}

const quad = (x: number, y: number, w: number, h: number) => ({
  left_top: { x, y },
  right_top: { x: x + w, y },
  right_bottom: { x: x + w, y: y + h },
  left_bottom: { x, y: y + h },
});

/** A handler that checks the picture and answers a sample built from it. */
const recognise =
  (answer: (p: Picture, call: Call) => Record<string, unknown>): Handler =>
  async (call) => {
    const p = await picture(call);
    return { ...OK, ...answer(p, call) };
  };

/**
 * The handlers of the `/cv/` endpoints.
 *
 * @example
 * ```ts
 * Object.keys(ocrHandlers); // ['ocr.idCard', 'ocr.bankCard', …, 'img.aiCrop', 'img.qrcode']
 * ```
 */
export const ocrHandlers: Handlers = {
  'ocr.idCard': recognise((p, { query }) => {
    if (query['type'] !== undefined && query['type'] !== 'photo' && query['type'] !== 'scan') fail(40035);
    if (/back/i.test(p.filename)) return { type: 'Back', valid_date: '20070105-20270105' };
    return {
      type: 'Front',
      name: '张三',
      id: '110101199001011234',
      addr: '北京市东城区示例路1号',
      gender: '男',
      nationality: '汉',
    };
  }),
  'ocr.bankCard': recognise(() => ({ number: '6222000000000000000' })),
  'ocr.driving': recognise(() => ({
    plate_num: '粤A12345',
    vehicle_type: '小型普通客车',
    owner: '张三',
    addr: '广州市海珠区示例路1号',
    use_character: '非营运',
    model: '示例牌SL7000',
    vin: 'LSVNV2182E2100000',
    engine_num: '100000',
    register_date: '2018-07-06',
    issue_date: '2018-07-06',
  })),
  'ocr.drivingLicense': recognise(() => ({
    id_num: '110101199001011234',
    name: '张三',
    sex: '男',
    nationality: '中国',
    address: '北京市东城区示例路1号',
    birth_date: '1990-01-01',
    issue_date: '2012-01-01',
    car_class: 'C1',
    valid_from: '2018-01-01',
    valid_to: '2028-01-01',
    official_seal: '北京市公安局公安交通管理局',
  })),
  'ocr.bizLicense': recognise((p) => ({
    reg_num: '91110000000000000X',
    serial: '00000000000',
    legal_representative: '张三',
    enterprise_name: '示例科技有限公司',
    type_of_organization: '有限责任公司',
    address: '北京市海淀区示例路1号',
    type_of_enterprise: '有限责任公司(自然人投资或控股)',
    business_scope: '技术开发、技术咨询',
    registered_capital: '壹佰万元整',
    paid_in_capital: '',
    valid_period: '长期',
    registered_date: '2015年01月01日',
    img_size: { w: p.w, h: p.h },
  })),
  'ocr.comm': recognise((p) => ({
    items: [{ text: '模拟器识别的文字', pos: quad(0, 0, Math.min(p.w, 300), 40) }],
    img_size: { w: p.w, h: p.h },
  })),
  'ocr.menu': recognise(() => ({
    content: JSON.stringify({
      menu_items: [
        { name: '酱鸭', price: 48.0 },
        { name: '龙虾', price: 80.0 },
      ],
    }),
  })),
  'img.aiCrop': recognise((p) => ({
    results: [{ crop_left: 0, crop_top: 0, crop_right: p.w, crop_bottom: Math.min(p.h, p.w) }],
    img_size: { w: p.w, h: p.h },
  })),
  'img.qrcode': recognise((p) => ({
    code_results: [
      {
        type_name: 'QR_CODE',
        data: 'https://example.com/qr',
        pos: quad(0, 0, Math.min(p.w, p.h), Math.min(p.w, p.h)),
      },
    ],
    img_size: { w: p.w, h: p.h },
  })),
};
