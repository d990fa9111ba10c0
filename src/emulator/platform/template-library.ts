/**
 * WeChat's industry table for template messages (api_set_industry codes 1–41), and the small template library the
 * emulator offers to api_add_template. The second classes are written as get_industry answers them
 * (`互联网|电子商务`).
 * @see https://developers.weixin.qq.com/doc/service/api/notify/template/api_setindustry.html
 * @module
 */
import type { Industry } from '../../api/types/template.js';

const TABLE: readonly (readonly [code: number, first: string, second: string])[] = [
  [1, 'IT科技', '互联网|电子商务'],
  [2, 'IT科技', 'IT软件与服务'],
  [3, 'IT科技', 'IT硬件与设备'],
  [4, 'IT科技', '电子技术'],
  [5, 'IT科技', '通信与运营商'],
  [6, 'IT科技', '网络游戏'],
  [7, '金融业', '银行'],
  [8, '金融业', '基金|理财|信托'],
  [9, '金融业', '保险'],
  [10, '餐饮', '餐饮'],
  [11, '酒店旅游', '酒店'],
  [12, '酒店旅游', '旅游'],
  [13, '运输与仓储', '快递'],
  [14, '运输与仓储', '物流'],
  [15, '运输与仓储', '仓储'],
  [16, '教育', '培训'],
  [17, '教育', '院校'],
  [18, '政府与公共事业', '学术科研'],
  [19, '政府与公共事业', '交警'],
  [20, '政府与公共事业', '博物馆'],
  [21, '政府与公共事业', '公共事业|非盈利机构'],
  [22, '医药护理', '医药医疗'],
  [23, '医药护理', '护理美容'],
  [24, '医药护理', '保健与卫生'],
  [25, '交通工具', '汽车相关'],
  [26, '交通工具', '摩托车相关'],
  [27, '交通工具', '火车相关'],
  [28, '交通工具', '飞机相关'],
  [29, '房地产', '建筑'],
  [30, '房地产', '物业'],
  [31, '消费品', '消费品'],
  [32, '商业服务', '法律'],
  [33, '商业服务', '会展'],
  [34, '商业服务', '中介服务'],
  [35, '商业服务', '认证'],
  [36, '商业服务', '审计'],
  [37, '文体娱乐', '传媒'],
  [38, '文体娱乐', '体育'],
  [39, '文体娱乐', '娱乐休闲'],
  [40, '印刷', '印刷'],
  [41, '其它', '其它'],
];

/**
 * The industry of a code (1–41), or undefined.
 *
 * @example
 * ```ts
 * industryByCode(13); // { first_class: '运输与仓储', second_class: '快递' }
 * ```
 */
export function industryByCode(code: number): Industry | undefined {
  const row = TABLE.find(([c]) => c === code);
  return row && { first_class: row[1], second_class: row[2] };
}

/**
 * A template of the emulator's library: an industry template (`TM…`/`OPENTM…`) or a category template (digits).
 */
export interface LibraryTemplate {
  id: string;
  title: string;
  /** The industry code the template belongs to. */
  industry: number;
  /** Industry templates: the fixed content. */
  content?: string;
  /** Category templates: the keywords a caller picks from, each with its placeholder kind (`thing`, `time`…). */
  keywords?: Readonly<Record<string, string>>;
}

/**
 * The emulator's own template library (WeChat's is far larger and its ids differ): enough to add an industry template
 * and a category template with keywords.
 *
 * @example
 * ```ts
 * TEMPLATE_LIBRARY.map((t) => t.id); // ['TM00001', 'OPENTM00002', '47123', '47124']
 * ```
 */
export const TEMPLATE_LIBRARY: readonly LibraryTemplate[] = Object.freeze([
  {
    id: 'TM00001',
    title: '订单状态通知',
    industry: 1,
    content: '订单编号：{{character_string1.DATA}}\n订单状态：{{phrase2.DATA}}',
  },
  {
    id: 'OPENTM00002',
    title: '预约成功通知',
    industry: 22,
    content: '预约项目：{{thing1.DATA}}\n预约时间：{{time2.DATA}}',
  },
  {
    id: '47123',
    title: '交易提醒',
    industry: 1,
    keywords: { 时间: 'time', 地点: 'thing', 金额: 'amount', 商户名称: 'thing', 交易类型: 'phrase' },
  },
  {
    id: '47124',
    title: '快递签收提醒',
    industry: 13,
    keywords: { 快递单号: 'character_string', 签收时间: 'time', 签收人: 'thing' },
  },
]);
