/**
 * Strings of <rw-rfm-grid> and its chart, in English and Simplified Chinese. Segment names come from
 * core (`RfmSegment.label`), so the grid, the table and the CSV always name a segment the same way.
 * zh-CN terms: 最近一次消费 (R), 消费频率 (F), 消费金额 (M), as in the usual Chinese RFM write-ups.
 */
import type { Lang } from './messages.js';

export interface RfmGridMessages {
  chartTitle: string;
  /** Accessible name of the chart figure. */
  chartLabel: string;
  /** What the grid shows at a glance: the largest segment. */
  chartTakeaway: (segment: string, customers: string, share: string) => string;
  recencyScore: string;
  frequencyScore: string;
  customers: string;
  /** Legend / tooltip title of the mean monetary value; `currency` is an ISO code or ''. */
  meanMonetary: (currency: string) => string;
  /** Short form for the colour legend title. */
  meanMonetaryShort: (currency: string) => string;
  revenue: string;
  segment: string;
  share: string;
  revenueShare: string;
  avgDaysSinceLast: string;
  segmentTableCaption: string;
  gridTableCaption: string;
  /** Accessible name of a grid cell button. */
  cellLabel: (r: number, f: number, customers: string, segment: string) => string;
  /** Accessible name of a segment button. */
  segmentLabel: (segment: string, customers: string) => string;
  /** Line under the chart: the as-of day and the number of customers scored. */
  asOfNote: (date: string, customers: string) => string;
  /** CSV column names. */
  csv: { r: string; f: string; segmentKey: string };
}

const en: RfmGridMessages = {
  chartTitle: 'Recency × frequency',
  chartLabel: 'RFM grid: customers per recency and frequency score, with segments outlined',
  chartTakeaway: (segment, customers, share) => `Largest segment: ${segment}, ${customers} customers (${share}).`,
  recencyScore: 'Recency score (R, 5 = most recent)',
  frequencyScore: 'Frequency score (F, 5 = most orders)',
  customers: 'Customers',
  meanMonetary: (currency) => (currency ? `Mean revenue per customer (${currency})` : 'Mean revenue per customer'),
  meanMonetaryShort: (currency) => (currency ? `Avg. revenue (${currency})` : 'Avg. revenue'),
  revenue: 'Revenue',
  segment: 'Segment',
  share: 'Share of customers',
  revenueShare: 'Share of revenue',
  avgDaysSinceLast: 'Avg. days since last order',
  segmentTableCaption: 'RFM segments',
  gridTableCaption: 'Customers per R and F score',
  cellLabel: (r, f, customers, segment) => `R ${r}, F ${f}: ${customers} customers, ${segment}`,
  segmentLabel: (segment, customers) => `${segment}: ${customers} customers`,
  asOfNote: (date, customers) => `${customers} customers scored as of ${date}`,
  csv: { r: 'R', f: 'F', segmentKey: 'Segment key' },
};

const zhCN: RfmGridMessages = {
  chartTitle: '最近消费 × 消费频率',
  chartLabel: 'RFM 矩阵：按最近消费与消费频率评分的客户数，并标出客户分群',
  chartTakeaway: (segment, customers, share) => `人数最多的分群：${segment}，${customers} 位客户（${share}）。`,
  recencyScore: '最近消费评分（R，5 = 最近）',
  frequencyScore: '消费频率评分（F，5 = 最多）',
  customers: '客户数',
  meanMonetary: (currency) => (currency ? `人均消费金额（${currency}）` : '人均消费金额'),
  meanMonetaryShort: (currency) => (currency ? `人均消费（${currency}）` : '人均消费'),
  revenue: '收入',
  segment: '客户分群',
  share: '客户占比',
  revenueShare: '收入占比',
  avgDaysSinceLast: '距上次购买平均天数',
  segmentTableCaption: 'RFM 客户分群',
  gridTableCaption: '各 R、F 评分的客户数',
  cellLabel: (r, f, customers, segment) => `R ${r}，F ${f}：${customers} 位客户，${segment}`,
  segmentLabel: (segment, customers) => `${segment}：${customers} 位客户`,
  asOfNote: (date, customers) => `截至 ${date}，共评分 ${customers} 位客户`,
  csv: { r: 'R', f: 'F', segmentKey: '分群代码' },
};

/** @example rfmGridMessages('zh-CN').segment // '客户分群' */
export function rfmGridMessages(lang: Lang): RfmGridMessages {
  return lang === 'zh-CN' ? zhCN : en;
}
