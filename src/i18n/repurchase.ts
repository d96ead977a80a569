/**
 * Strings of `<rw-repurchase>` (and of its chart builders in `src/charts/repurchase.ts`), in English
 * and Simplified Chinese. zh-CN terms follow the background reading: 复购率 repurchase rate,
 * 复购周期 repurchase cycle, 复购频率 repurchase frequency, 客单价 AOV.
 * Functions take already formatted text, so number formats stay in `i18n/format.ts`.
 */
import type { Lang } from './messages.js';
import type { Period } from '../core/calendar.js';

export interface RepurchaseMessages {
  chartLabel: string;
  /** What the charts show at a glance (read after the chart's label): the repurchase rate. */
  chartTakeaway: (rate: string, repeat: string, customers: string) => string;
  tilesLabel: string;
  customers: string;
  repeatCustomers: string;
  repurchaseRate: string;
  /** Note under the overall rate: what counts as a repeat customer. */
  repurchaseRateNote: string;
  aov: string;
  ordersPerCustomer: string;
  medianCycle: string;
  timeToSecond: string;
  /** "p25–p75: a–b days" */
  quartileRange: (p25: string, p75: string) => string;
  days: (n: string) => string;
  trendTitle: (unit: Period) => string;
  withinNDays: (n: string) => string;
  withinPeriod: (unit: Period) => string;
  share: string;
  buyers: string;
  repeaters: string;
  series: string;
  period: string;
  partialNote: string;
  cycleTitle: string;
  cycleAxis: string;
  intervals: string;
  binLabel: (from: string, to: string | undefined) => string;
  p25: string;
  median: string;
  p75: string;
  frequencyTitle: string;
  ordersAxis: string;
  ordersBucket: (n: string, orPlus: boolean) => string;
  customersAxis: string;
  productsTitle: string;
  categoriesTitle: string;
  product: string;
  category: string;
  repeatBuyers: string;
  medianCycleShort: string;
  /** Accessible names of selectable things. */
  binButton: (bin: string, count: string) => string;
  frequencyButton: (bucket: string, count: string) => string;
  itemButton: (item: string, count: string) => string;
  partial: string;
  censored: string;
  yes: string;
  no: string;
}

const en: RepurchaseMessages = {
  chartLabel: 'Repurchase analysis: rate per period, repurchase cycle and orders per customer',
  chartTakeaway: (rate, repeat, customers) => `${rate} of ${customers} customers bought again (${repeat} with 2 or more orders).`,
  tilesLabel: 'Repurchase headline numbers',
  customers: 'Customers',
  repeatCustomers: 'Repeat customers',
  repurchaseRate: 'Repurchase rate',
  repurchaseRateNote: 'customers with 2+ orders',
  aov: 'Average order value',
  ordersPerCustomer: 'Orders per customer',
  medianCycle: 'Median repurchase cycle',
  timeToSecond: 'Median time to 2nd order',
  quartileRange: (p25, p75) => `quartiles ${p25}–${p75}`,
  days: (n) => `${n} d`,
  trendTitle: (unit) => `Repurchase rate by ${unit}`,
  withinNDays: (n) => `Bought again within ${n} days`,
  withinPeriod: (unit) => `Bought again in the same ${unit}`,
  share: 'Share of buyers',
  buyers: 'Buyers',
  repeaters: 'Bought again',
  series: 'Measure',
  period: 'Period',
  partialNote: 'Hollow points: period or window cut off by the end of the data (lower bound).',
  cycleTitle: 'Repurchase cycle: days between purchase days',
  cycleAxis: 'Days between consecutive purchase days',
  intervals: 'Intervals',
  binLabel: (from, to) => (to === undefined ? `${from}+ days` : `${from}–${to} days`),
  p25: 'P25',
  median: 'Median',
  p75: 'P75',
  frequencyTitle: 'Customers by number of orders',
  ordersAxis: 'Orders',
  ordersBucket: (n, orPlus) => (orPlus ? `${n}+` : n),
  customersAxis: 'Customers',
  productsTitle: 'Most repurchased products',
  categoriesTitle: 'Most repurchased categories',
  product: 'Product',
  category: 'Category',
  repeatBuyers: 'Repeat buyers',
  medianCycleShort: 'Median cycle',
  binButton: (bin, count) => `Interval ${bin}: ${count} — select these customers`,
  frequencyButton: (bucket, count) => `${bucket} orders: ${count} customers — select them`,
  itemButton: (item, count) => `${item}: ${count} repeat buyers — select them`,
  partial: 'Partial period',
  censored: 'Window censored',
  yes: 'yes',
  no: 'no',
};

const zhCN: RepurchaseMessages = {
  chartLabel: '复购分析：各期复购率、复购周期与复购频率',
  chartTakeaway: (rate, repeat, customers) => `${customers} 位客户中 ${repeat} 位下单 2 次及以上，复购率 ${rate}。`,
  tilesLabel: '复购核心指标',
  customers: '客户数',
  repeatCustomers: '复购客户数',
  repurchaseRate: '复购率',
  repurchaseRateNote: '下单 2 次及以上的客户',
  aov: '客单价',
  ordersPerCustomer: '人均订单数',
  medianCycle: '复购周期中位数',
  timeToSecond: '首单到第二单中位天数',
  quartileRange: (p25, p75) => `四分位 ${p25}–${p75}`,
  days: (n) => `${n} 天`,
  trendTitle: (unit) => `各${unit === 'month' ? '月' : unit === 'week' ? '周' : '日'}复购率`,
  withinNDays: (n) => `${n} 天内再次购买`,
  withinPeriod: (unit) => `同${unit === 'month' ? '月' : unit === 'week' ? '周' : '日'}内再次购买`,
  share: '占购买客户比例',
  buyers: '购买客户数',
  repeaters: '再次购买客户数',
  series: '指标',
  period: '周期',
  partialNote: '空心点：该期或观察窗口被数据截止日截断（为下限）。',
  cycleTitle: '复购周期：相邻两次购买间隔天数',
  cycleAxis: '相邻购买日间隔（天）',
  intervals: '间隔次数',
  binLabel: (from, to) => (to === undefined ? `${from} 天及以上` : `${from}–${to} 天`),
  p25: '下四分位',
  median: '中位数',
  p75: '上四分位',
  frequencyTitle: '复购频率：按订单数的客户分布',
  ordersAxis: '订单数',
  ordersBucket: (n, orPlus) => (orPlus ? `${n}+` : n),
  customersAxis: '客户数',
  productsTitle: '复购最多的商品',
  categoriesTitle: '复购最多的品类',
  product: '商品',
  category: '品类',
  repeatBuyers: '复购客户数',
  medianCycleShort: '复购周期中位数',
  binButton: (bin, count) => `间隔 ${bin}：${count} 次，选择这些客户`,
  frequencyButton: (bucket, count) => `${bucket} 单：${count} 位客户，选择这些客户`,
  itemButton: (item, count) => `${item}：${count} 位复购客户，选择这些客户`,
  partial: '不完整周期',
  censored: '窗口被截断',
  yes: '是',
  no: '否',
};

/**
 * The strings of `<rw-repurchase>` in `lang`.
 * @example repurchaseMessages('zh-CN').repurchaseRate // '复购率'
 */
export function repurchaseMessages(lang: Lang): RepurchaseMessages {
  return lang === 'zh-CN' ? zhCN : en;
}
