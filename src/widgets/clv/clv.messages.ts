/**
 * Strings of <rw-clv> in English and Simplified Chinese (客户生命周期价值 CLV).
 */
import type { Lang } from '../../i18n/messages.js';

export interface ClvMessages {
  chartLabel: string;
  histogramTitle: (months: string) => string;
  clvRange: string;
  customers: string;
  calibrationTitle: (end: string, weeks: string, error: string) => string;
  /** Caption of the calibration buckets table: the overall error and the customers checked. */
  calibrationError: (error: string, customers: string) => string;
  /** Headline without amounts. */
  purchasesSummary: (customers: string, purchases: string, months: string) => string;
  topPurchasesTitle: (n: string) => string;
  calibrationX: string;
  calibrationY: string;
  /** Shown instead of the calibration chart for a pre-aggregated input (customer summary, report). */
  noCalibration: string;
  actual: string;
  predicted: (model: string) => string;
  topTitle: (n: string) => string;
  customer: string;
  orders: string;
  revenue: string;
  expectedPurchases: string;
  expectedSpend: string;
  clv: string;
  paramsTitle: string;
  bgNbd: string;
  gammaGamma: string;
  logLikelihood: string;
  converged: string;
  yes: string;
  no: string;
  summary: (customers: string, mean: string, total: string, months: string, rate: string) => string;
  binLabel: (range: string, n: string) => string;
  rowLabel: (id: string) => string;
  binTable: string;
  unitName: (unit: 'days' | 'weeks') => string;
}

const en: ClvMessages = {
  chartLabel: 'Predicted customer lifetime value: distribution, top customers, model parameters and calibration check',
  histogramTitle: (m) => `Predicted CLV over ${m} months: customers per value range`,
  clvRange: 'CLV range',
  customers: 'Customers',
  calibrationTitle: (end, len, error) => `Calibration until ${end}, holdout ${len}: purchases per customer (mean error ${error})`,
  calibrationError: (error, n) => `Calibration buckets: ${n} customers; mean absolute error ${error} purchases per customer`,
  purchasesSummary: (n, purchases, months) => `${n} customers · ${purchases} purchases expected in the next ${months} months`,
  topPurchasesTitle: (n) => `Top ${n} customers by expected purchases`,
  calibrationX: 'Repeat purchases in calibration',
  calibrationY: 'Mean purchases in holdout',
  noCalibration: 'The calibration / holdout check needs the orders over time; this data is a per-customer summary, so it is not shown.',
  actual: 'Actual',
  predicted: (model) => `Predicted (${model})`,
  topTitle: (n) => `Top ${n} customers by CLV`,
  customer: 'Customer',
  orders: 'Orders',
  revenue: 'Revenue so far',
  expectedPurchases: 'Expected purchases',
  expectedSpend: 'Expected spend per purchase',
  clv: 'CLV',
  paramsTitle: 'Fitted parameters',
  bgNbd: 'BG/NBD (purchases)',
  gammaGamma: 'Gamma-Gamma (spend)',
  logLikelihood: 'LL',
  converged: 'converged',
  yes: 'yes',
  no: 'no',
  summary: (n, mean, total, months, rate) => `${n} customers · mean CLV ${mean} · total ${total} (next ${months} months, discount ${rate} per month)`,
  binLabel: (range, n) => `CLV ${range}: ${n} customers`,
  rowLabel: (id) => `Select customer ${id}`,
  binTable: 'Customers per CLV range',
  unitName: (u) => u,
};

const zhCN: ClvMessages = {
  chartLabel: '预测客户生命周期价值：分布、高价值客户、模型参数与校准检验',
  histogramTitle: (m) => `未来 ${m} 个月预测客户生命周期价值：各价值区间客户数`,
  clvRange: '价值区间',
  customers: '客户数',
  calibrationTitle: (end, len, error) => `校准期截至 ${end}，验证期 ${len}：每位客户购买次数（平均误差 ${error}）`,
  calibrationError: (error, n) => `校准分组：共 ${n} 位客户；平均绝对误差为每位客户 ${error} 次购买`,
  purchasesSummary: (n, purchases, months) => `${n} 位客户 · 未来 ${months} 个月预期购买 ${purchases} 次`,
  topPurchasesTitle: (n) => `预期购买次数最多的 ${n} 位客户`,
  calibrationX: '校准期复购次数',
  calibrationY: '验证期平均购买次数',
  noCalibration: '校准期/验证期检验需要按时间排列的订单；当前数据是按客户汇总的表，因此不显示该检验。',
  actual: '实际',
  predicted: (model) => `预测（${model}）`,
  topTitle: (n) => `客户生命周期价值最高的 ${n} 位客户`,
  customer: '客户',
  orders: '订单数',
  revenue: '累计收入',
  expectedPurchases: '预期购买次数',
  expectedSpend: '预期每次消费',
  clv: '客户生命周期价值',
  paramsTitle: '拟合参数',
  bgNbd: 'BG/NBD（购买次数）',
  gammaGamma: 'Gamma-Gamma（消费金额）',
  logLikelihood: '对数似然',
  converged: '已收敛',
  yes: '是',
  no: '否',
  summary: (n, mean, total, months, rate) => `${n} 位客户 · 平均客户生命周期价值 ${mean} · 合计 ${total}（未来 ${months} 个月，月折现率 ${rate}）`,
  binLabel: (range, n) => `价值区间 ${range}：${n} 位客户`,
  rowLabel: (id) => `选择客户 ${id}`,
  binTable: '各价值区间客户数',
  unitName: (u) => (u === 'weeks' ? '周' : '天'),
};

/** @example clvMessages('zh-CN').clv // '客户生命周期价值' */
export function clvMessages(lang: Lang): ClvMessages {
  return lang === 'zh-CN' ? zhCN : en;
}
