/**
 * Strings of `<rw-kpis>` in English and Simplified Chinese (客单价 AOV, 复购率 repurchase rate,
 * 流失率 churn rate, 客户生命周期价值 CLV, following the background reading).
 */
import type { Lang } from '../../i18n/messages.js';
import type { KpiKey } from '../../analyses/kpi-windows.js';

export interface KpisMessages {
  tilesLabel: string;
  labels: Record<KpiKey, string>;
  notes: {
    customers: string;
    repurchaseRate: string;
    aov: string;
    frequency: string;
    churnRate: (days: string) => string;
    averageClv: (months: string) => string;
  };
  /** "Apr 2, 1998 – Jun 30, 1998 vs the previous 90 days" */
  windowCaption: (from: string, to: string, days: string) => string;
  noPrevious: string;
  up: (pct: string) => string;
  down: (pct: string) => string;
  same: string;
  vsPrevious: string;
  /** Read after a tile's visible text (its accessible name is that text, WCAG 2.5.3): what activating it does. */
  selectHint: string;
  metric: string;
  current: string;
  previous: string;
  change: string;
}

const en: KpisMessages = {
  tilesLabel: 'Key customer metrics',
  labels: {
    customers: 'Customers',
    repurchaseRate: 'Repurchase rate',
    aov: 'Average order value',
    frequency: 'Purchase frequency',
    churnRate: 'Churn rate',
    averageClv: 'Average CLV',
  },
  notes: {
    customers: 'with an order in the window',
    repurchaseRate: 'of them with 2+ orders',
    aov: 'revenue / orders',
    frequency: 'orders per customer',
    churnRate: (days) => `no order for over ${days} days, at window end`,
    averageClv: (months) => `${months}-month value, BG/NBD + Gamma-Gamma`,
  },
  windowCaption: (from, to, days) => `${from} – ${to}, compared with the ${days} days before`,
  noPrevious: 'no earlier data',
  up: (pct) => `▲ ${pct}`,
  down: (pct) => `▼ ${pct}`,
  same: '■ 0%',
  vsPrevious: 'vs previous window',
  selectHint: '— select these customers',
  metric: 'Metric',
  current: 'Current window',
  previous: 'Previous window',
  change: 'Relative change',
};

const zhCN: KpisMessages = {
  tilesLabel: '客户核心指标',
  labels: {
    customers: '客户数',
    repurchaseRate: '复购率',
    aov: '客单价',
    frequency: '购买频次',
    churnRate: '流失率',
    averageClv: '平均客户生命周期价值',
  },
  notes: {
    customers: '窗口内有订单的客户',
    repurchaseRate: '其中下单 2 次及以上',
    aov: '收入 / 订单数',
    frequency: '人均订单数',
    churnRate: (days) => `窗口末超过 ${days} 天未下单`,
    averageClv: (months) => `${months} 个月价值，BG/NBD + Gamma-Gamma`,
  },
  windowCaption: (from, to, days) => `${from} – ${to}，与之前 ${days} 天相比`,
  noPrevious: '无更早数据',
  up: (pct) => `▲ ${pct}`,
  down: (pct) => `▼ ${pct}`,
  same: '■ 0%',
  vsPrevious: '较上一窗口',
  selectHint: '，选择这些客户',
  metric: '指标',
  current: '当前窗口',
  previous: '上一窗口',
  change: '相对变化',
};

/**
 * The strings of `<rw-kpis>` in `lang`.
 * @example kpisMessages('zh-CN').labels.churnRate // '流失率'
 */
export function kpisMessages(lang: Lang): KpisMessages {
  return lang === 'zh-CN' ? zhCN : en;
}
