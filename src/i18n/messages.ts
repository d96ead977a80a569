/**
 * User-visible strings of the widget family, in English and Simplified Chinese.
 *
 * zh-CN terms follow the vocabulary Chinese BI operators use (see the background reading):
 * 留存率 retention rate, 同期群 cohort, 首购 first purchase, 客户 customers, 收入 revenue, 订单 orders.
 * Strings that embed numbers are functions taking already-formatted text, so the number format
 * (Intl, per locale) stays in `format.ts`.
 */

/** Languages with a full translation. Anything else falls back to English. */
export type Lang = 'en' | 'zh-CN';

/** Period units an analysis can bucket by (mirrors `Period` in core/calendar.ts). */
import type { Period } from '../core/calendar.js';

export interface Messages {
  /** Shown while the source is fetched/parsed; `detail` is e.g. "1.2 MB of 2.0 MB" or "69,659 rows". */
  loading: (detail: string) => string;
  loadingPhase: { fetch: string; parse: string; build: string; compute: string };
  bytesOf: (done: string, total: string) => string;
  rows: (n: string) => string;
  empty: string;
  emptyHint: string;
  errorTitle: string;
  retry: string;
  /** One-line load summary: rows read / accepted / rejected. */
  loadSummary: (read: string, accepted: string, rejected: string) => string;
  rejectedReasons: string;
  reason: string;
  count: string;
  examples: string;
  row: (n: string) => string;
  customers: string;
  revenue: string;
  orders: string;
  retentionRate: string;
  cohort: string;
  cohortSize: string;
  period: string;
  /** Axis title: periods since the first purchase. */
  periodsSinceFirst: (unit: Period) => string;
  /** Axis title of the cohort axis. */
  firstPurchaseCohort: (unit: Period) => string;
  /** Accessible name of the whole chart. */
  chartLabel: (measure: string) => string;
  heatmapTitle: (measure: string, percent: boolean) => string;
  curvesTitle: string;
  /** Subtitle when the data ends mid-period: the last period's cells count only part of it. */
  partialLastPeriod: (period: string, lastDate: string) => string;
  /** Accessible name of one matrix cell button. */
  cellLabel: (cohort: string, periodIndex: string, value: string) => string;
  share: string;
  value: string;
  /** Export toolbar: the table as CSV, a chart as PNG / SVG. */
  exportLabel: string;
  exportCsv: string;
  exportPng: string;
  exportSvg: string;
  /** Read after a chart's takeaway: where its data table is (before or after the chart in the widget). */
  chartTableHint: (where: 'above' | 'below') => string;
  /** Cohort chart takeaway: the number of cohorts and what share is retained one period after the first. */
  cohortTakeaway: (cohorts: string, nextPeriodShare: string) => string;
  /** The segment table of `breakdown="…"` (shared by every analysis widget). */
  segments: SegmentMessages;
}

/** Words of the segment table; metric names take already-formatted numbers. */
export interface SegmentMessages {
  /** Caption: "By channel". */
  title: (by: string) => string;
  /** Names of the built-in breakdowns (a dimension name is shown as it is). */
  byNames: Record<string, string>;
  segment: string;
  customers: string;
  interval: string;
  vsRest: string;
  /** The segment `top` merged the smaller ones into. */
  other: (count: string) => string;
  /** Customers without a value. */
  missing: string;
  higher: string;
  lower: string;
  /** Flag column when the segment is too small to test. */
  tooSmall: string;
  loading: string;
  error: (message: string) => string;
  /** Accessible name of a row button: "tmall, 1,234 customers: select them". */
  rowButton: (segment: string, customers: string) => string;
  /** Metric column titles. */
  metric: {
    repurchaseRate: string;
    repurchaseWithinDays: (days: string) => string;
    churnRate: string;
    meanClv: string;
    windowCustomers: string;
    windowRepurchaseRate: string;
    windowAov: string;
    retention: (k: string, period: Period) => string;
    share: (name: string) => string;
  };
  /** Note under the table: how intervals and flags are decided. */
  note: string;
}

const en: Messages = {
  loading: (detail) => (detail ? `Loading… ${detail}` : 'Loading…'),
  loadingPhase: { fetch: 'Downloading', parse: 'Reading', build: 'Building orders', compute: 'Computing' },
  bytesOf: (done, total) => `${done} of ${total}`,
  rows: (n) => `${n} rows`,
  empty: 'No orders',
  emptyHint: 'The data has no usable orders. Check the column mapping and the rejected rows below.',
  errorTitle: 'Could not load the data',
  retry: 'Retry',
  loadSummary: (read, accepted, rejected) => `${read} rows read · ${accepted} accepted · ${rejected} rejected`,
  rejectedReasons: 'Why rows were rejected',
  reason: 'Reason',
  count: 'Rows',
  examples: 'Examples',
  row: (n) => `row ${n}`,
  customers: 'Customers',
  revenue: 'Revenue',
  orders: 'Orders',
  retentionRate: 'Retention rate',
  cohort: 'Cohort',
  cohortSize: 'Cohort size',
  period: 'Period',
  periodsSinceFirst: (unit) => `${unit === 'month' ? 'Months' : unit === 'week' ? 'Weeks' : 'Days'} since first purchase`,
  firstPurchaseCohort: (unit) => `First-purchase ${unit} · customers`,
  chartLabel: (measure) => `Cohort retention of ${measure.toLowerCase()}: heatmap by first-purchase cohort and retention curves`,
  heatmapTitle: (measure, percent) => (percent ? `${measure}: retention rate by cohort` : `${measure} retained by cohort`),
  curvesTitle: 'Retention curves',
  partialLastPeriod: (period, date) => `The last period (${period}) is partial: the data ends on ${date}, so its cells are low.`,
  cellLabel: (cohort, k, value) => `Cohort ${cohort}, period ${k}: ${value}`,
  share: 'Share of period 0',
  value: 'Value',
  exportLabel: 'Export',
  exportCsv: 'CSV',
  exportPng: 'PNG',
  exportSvg: 'SVG',
  chartTableHint: (where) => (where === 'below' ? 'Its numbers are in the data table below the chart.' : 'Its numbers are in the data table above the chart.'),
  cohortTakeaway: (cohorts, share) => `${cohorts} cohorts; on average ${share} is retained one period after the first purchase.`,
  segments: {
    title: (by) => `By ${by}`,
    byNames: { channel: 'channel', region: 'region', category: 'category', product: 'product', firstProduct: 'first product', firstCategory: 'first category', firstOrderValue: 'first order value', cohort: 'first-purchase cohort' },
    segment: 'Segment',
    customers: 'Customers',
    interval: '95 % interval',
    vsRest: 'vs rest',
    other: (count) => `Other (${count} segments)`,
    missing: '(no value)',
    higher: '↑ significantly higher than the rest',
    lower: '↓ significantly lower than the rest',
    tooSmall: 'too few to test',
    loading: 'Computing the segments…',
    error: (message) => `Could not compute the segments: ${message}`,
    rowButton: (segment, customers) => `${segment}, ${customers} customers: select them`,
    metric: {
      repurchaseRate: 'Repurchase rate',
      repurchaseWithinDays: (days) => `Bought again within ${days} days`,
      churnRate: 'Churn rate',
      meanClv: 'Mean CLV',
      windowCustomers: 'Customers in window',
      windowRepurchaseRate: 'Repurchase rate in window',
      windowAov: 'AOV in window',
      retention: (k, period) => `Retention, ${period} ${k}`,
      share: (name) => `Share ${name}`,
    },
    note: 'Intervals: 95 %. ↑ / ↓: differs from the rest of the customers beyond chance (Holm-corrected over the segments); segments under 30 customers are not tested.',
  },
};

const zhCN: Messages = {
  loading: (detail) => (detail ? `正在加载… ${detail}` : '正在加载…'),
  loadingPhase: { fetch: '正在下载', parse: '正在读取', build: '正在整理订单', compute: '正在计算' },
  bytesOf: (done, total) => `${done} / ${total}`,
  rows: (n) => `${n} 行`,
  empty: '没有订单',
  emptyHint: '数据中没有可用的订单。请检查字段映射和下方被拒绝的行。',
  errorTitle: '无法加载数据',
  retry: '重试',
  loadSummary: (read, accepted, rejected) => `共读取 ${read} 行 · 接受 ${accepted} 行 · 拒绝 ${rejected} 行`,
  rejectedReasons: '被拒绝的原因',
  reason: '原因',
  count: '行数',
  examples: '示例',
  row: (n) => `第 ${n} 行`,
  customers: '客户',
  revenue: '收入',
  orders: '订单',
  retentionRate: '留存率',
  cohort: '同期群',
  cohortSize: '同期群客户数',
  period: '周期',
  periodsSinceFirst: (unit) => `首购后${unit === 'month' ? '月' : unit === 'week' ? '周' : '天'}数`,
  firstPurchaseCohort: (unit) => `首购${unit === 'month' ? '月份' : unit === 'week' ? '周' : '日期'}同期群 · 客户数`,
  chartLabel: (measure) => `${measure}同期群留存：按首购同期群的热力图和留存曲线`,
  heatmapTitle: (measure, percent) => (percent ? `${measure}留存率（按同期群）` : `各同期群留存的${measure}`),
  curvesTitle: '留存曲线',
  partialLastPeriod: (period, date) => `最后一期（${period}）不完整：数据截至 ${date}，该列数值偏低。`,
  cellLabel: (cohort, k, value) => `同期群 ${cohort}，第 ${k} 期：${value}`,
  share: '占第 0 期比例',
  value: '数值',
  exportLabel: '导出',
  exportCsv: 'CSV 表格',
  exportPng: 'PNG 图片',
  exportSvg: 'SVG 图片',
  chartTableHint: (where) => (where === 'below' ? '具体数字见图表下方的数据表。' : '具体数字见图表上方的数据表。'),
  cohortTakeaway: (cohorts, share) => `共 ${cohorts} 个同期群；首购后第 1 期平均留存 ${share}。`,
  segments: {
    title: (by) => `按${by}分组`,
    byNames: { channel: '渠道', region: '地区', category: '品类', product: '商品', firstProduct: '首购商品', firstCategory: '首购品类', firstOrderValue: '首单金额', cohort: '首购同期群' },
    segment: '分组',
    customers: '客户数',
    interval: '95% 区间',
    vsRest: '与其余客户相比',
    other: (count) => `其他（${count} 个分组）`,
    missing: '（无值）',
    higher: '↑ 显著高于其余客户',
    lower: '↓ 显著低于其余客户',
    tooSmall: '样本过少，未检验',
    loading: '正在计算分组…',
    error: (message) => `无法计算分组：${message}`,
    rowButton: (segment, customers) => `${segment}，${customers} 位客户：选中这些客户`,
    metric: {
      repurchaseRate: '复购率',
      repurchaseWithinDays: (days) => `${days} 天内复购率`,
      churnRate: '流失率',
      meanClv: '平均客户终身价值',
      windowCustomers: '窗口内客户数',
      windowRepurchaseRate: '窗口内复购率',
      windowAov: '窗口内客单价',
      retention: (k, period) => `第 ${k} ${period === 'month' ? '月' : period === 'week' ? '周' : '天'}留存率`,
      share: (name) => `${name}占比`,
    },
    note: '区间为 95%。↑ / ↓：与其余客户的差异超出随机波动（按分组数做 Holm 校正）；不足 30 位客户的分组不做检验。',
  },
};

const catalog: Record<Lang, Messages> = { en, 'zh-CN': zhCN };

/**
 * Picks the supported language for a BCP 47 tag: `zh`, `zh-CN`, `zh-Hans*` → zh-CN, else en.
 * @example normalizeLang('zh-Hans-CN') // 'zh-CN'
 */
export function normalizeLang(tag: string | null | undefined): Lang {
  const t = (tag ?? '').toLowerCase();
  if (t === 'zh' || t.startsWith('zh-cn') || t.startsWith('zh-hans') || t === 'zh-sg') return 'zh-CN';
  return 'en';
}

/**
 * The message catalogue of a language.
 * @example messagesFor('zh-CN').retentionRate // '留存率'
 */
export function messagesFor(lang: Lang): Messages {
  return catalog[lang];
}
