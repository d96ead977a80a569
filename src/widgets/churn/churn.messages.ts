/**
 * Strings of <rw-churn> in English and Simplified Chinese (流失率 churn rate, 流失客户 churned
 * customers, 客单价 AOV). Strings embedding numbers take already-formatted text.
 */
import type { Lang } from '../../i18n/messages.js';

export interface ChurnMessages {
  chartLabel: string;
  /** What the chart shows at a glance: the latest period's churn rate. */
  chartTakeaway: (period: string, rate: string) => string;
  /** Chart title: churn rate per month/week with the threshold. */
  chartTitle: (period: 'month' | 'week', days: string) => string;
  churnRate: string;
  period: string;
  activeAtStart: string;
  churned: string;
  churnedOfActive: string;
  partial: string;
  thresholdLabel: string;
  days: string;
  auto: string;
  /** How the threshold was derived. */
  thresholdGiven: (days: string) => string;
  thresholdAutoP90: (days: string) => string;
  thresholdAutoFallback: (days: string) => string;
  /** 'auto' on a per-customer summary, which has no purchase gaps to derive the threshold from. */
  thresholdAutoSummary: (days: string) => string;
  /** Shown instead of the churn-rate chart for a per-customer summary. */
  noRateHistory: string;
  /** Headline: churned at asOf. */
  churnedAt: (n: string, share: string, date: string) => string;
  atRiskTitle: (threshold: string) => string;
  atRiskCount: (shown: string, total: string) => string;
  atRiskNone: string;
  selectAll: (n: string) => string;
  customer: string;
  lastOrder: string;
  orders: string;
  pAlive: string;
  expectedNext: (period: 'month' | 'week') => string;
  averageValue: string;
  valueLost: string;
  valueLostHelp: string;
  modelNote: (unit: string, customers: string, model?: string) => string;
  /** Column of the list on the 'overdue' basis: P(this silent | still active). */
  overdue: string;
  /** Column "lost" without amounts. */
  purchasesLost: string;
  rowLabel: (id: string) => string;
  pointLabel: (period: string, rate: string, churned: string, active: string) => string;
  rateTable: string;
}

const en: ChurnMessages = {
  chartLabel: 'Churn rate per period and customers at risk',
  chartTakeaway: (period, rate) => `Latest period, ${period}: churn rate ${rate}.`,
  chartTitle: (period, days) => `Churn rate per ${period} (churned after ${days} days without an order)`,
  churnRate: 'Churn rate',
  period: 'Period',
  activeAtStart: 'Active at start',
  churned: 'Churned in period',
  churnedOfActive: 'Churned of active at start',
  partial: 'partial period',
  thresholdLabel: 'Inactive after (days)',
  days: 'days',
  auto: 'Auto',
  thresholdGiven: (d) => `${d} days, set by you`,
  thresholdAutoP90: (d) => `${d} days, derived: 90th percentile of the gaps between a customer's consecutive purchase days`,
  thresholdAutoFallback: (d) => `${d} days, default: the data has no repeat purchases to derive it from`,
  thresholdAutoSummary: (d) => `${d} days, default: a per-customer summary has no purchase gaps to derive it from (set inactive-days)`,
  noRateHistory: 'Churn per period needs the orders over time; this data is a per-customer summary, so only the status on the as-of day is shown.',
  churnedAt: (n, share, date) => `${n} customers (${share}) churned as of ${date}`,
  atRiskTitle: (t) => `At risk: P(alive) below ${t} (BG/NBD), by expected value lost`,
  atRiskCount: (shown, total) => `Showing ${shown} of ${total} customers at risk`,
  atRiskNone: 'No customer is below the P(alive) threshold.',
  selectAll: (n) => `Select all ${n} at-risk customers`,
  customer: 'Customer',
  lastOrder: 'Last order',
  orders: 'Orders',
  pAlive: 'P(alive)',
  expectedNext: (p) => `Expected purchases next ${p}`,
  averageValue: 'Avg. purchase value',
  valueLost: 'Expected value lost',
  valueLostHelp:
    'Expected value lost = (1 − P(alive)) × purchases expected next period if still active × average purchase value (revenue ÷ purchase days).',
  modelNote: (unit, n, model = 'BG/NBD') => `${model} fitted on ${n} customers (time unit: ${unit}).`,
  overdue: 'Overdue (P this silent if active)',
  purchasesLost: 'Expected purchases lost',
  rowLabel: (id) => `Select customer ${id}`,
  pointLabel: (period, rate, churned, active) => `${period}: churn rate ${rate}, ${churned} churned of ${active} active at start`,
  rateTable: 'Churn rate per period',
};

const zhCN: ChurnMessages = {
  chartLabel: '各期流失率与流失风险客户',
  chartTakeaway: (period, rate) => `最近一期（${period}）流失率 ${rate}。`,
  chartTitle: (period, days) => `每${period === 'month' ? '月' : '周'}流失率（连续 ${days} 天未下单即视为流失）`,
  churnRate: '流失率',
  period: '周期',
  activeAtStart: '期初活跃客户',
  churned: '本期流失客户',
  churnedOfActive: '期初活跃客户中流失',
  partial: '不完整周期',
  thresholdLabel: '未下单天数阈值',
  days: '天',
  auto: '自动',
  thresholdGiven: (d) => `${d} 天（手动设置）`,
  thresholdAutoP90: (d) => `${d} 天（自动：客户相邻两次购买间隔的第 90 百分位数）`,
  thresholdAutoFallback: (d) => `${d} 天（默认值：数据中没有复购，无法推算）`,
  thresholdAutoSummary: (d) => `${d} 天（默认值：按客户汇总的表没有购买间隔，无法推算；可设置 inactive-days）`,
  noRateHistory: '各期流失率需要按时间排列的订单；当前数据是按客户汇总的表，因此只显示截至日的状态。',
  churnedAt: (n, share, date) => `截至 ${date}，流失客户 ${n} 位（${share}）`,
  atRiskTitle: (t) => `流失风险客户：P(存活) 低于 ${t}（BG/NBD），按预期损失价值排序`,
  atRiskCount: (shown, total) => `显示 ${total} 位风险客户中的 ${shown} 位`,
  atRiskNone: '没有客户低于 P(存活) 阈值。',
  selectAll: (n) => `选择全部 ${n} 位风险客户`,
  customer: '客户',
  lastOrder: '最近下单',
  orders: '订单数',
  pAlive: 'P(存活)',
  expectedNext: (p) => `下${p === 'month' ? '月' : '周'}预期购买次数`,
  averageValue: '客单价',
  valueLost: '预期损失价值',
  valueLostHelp: '预期损失价值 = (1 − P(存活)) × 若仍活跃下期预期购买次数 × 平均每次购买金额（收入 ÷ 购买天数）。',
  modelNote: (unit, n, model = 'BG/NBD 模型') => `${model}基于 ${n} 位客户拟合（时间单位：${unit === 'weeks' ? '周' : '天'}）。`,
  overdue: '逾期程度（若仍活跃，沉默这么久的概率）',
  purchasesLost: '预期损失购买次数',
  rowLabel: (id) => `选择客户 ${id}`,
  pointLabel: (period, rate, churned, active) => `${period}：流失率 ${rate}，期初活跃 ${active} 位中流失 ${churned} 位`,
  rateTable: '各期流失率',
};

/** @example churnMessages('zh-CN').churnRate // '流失率' */
export function churnMessages(lang: Lang): ChurnMessages {
  return lang === 'zh-CN' ? zhCN : en;
}
