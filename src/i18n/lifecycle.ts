/**
 * Strings of <rw-lifecycle> and its charts, in English and Simplified Chinese. Stage names come from
 * core (`LIFECYCLE_STAGE_LABELS`: 新客户, 活跃客户, 回流客户, 沉睡客户, 流失客户), so the chart, the
 * tables and the CSV name a stage the same way.
 */
import type { Lang } from './messages.js';

export interface LifecycleMessages {
  stagesTitle: string;
  /** Subtitle when the last period runs past the as-of day. */
  partialLastPeriod: (period: string, asOf: string) => string;
  /** Accessible name of the figure. */
  chartLabel: string;
  /** What the charts show at a glance: the customers per stage in the last period. */
  chartTakeaway: (period: string, stages: string) => string;
  period: string;
  customers: string;
  stage: string;
  share: string;
  /** Heatmap title: transitions from period `from` to period `to`. */
  transitionsTitle: (from: string, to: string) => string;
  fromStage: (period: string) => string;
  toStage: (period: string) => string;
  /** Label of the period selector of the transition matrix. */
  transitionPeriod: string;
  /** The inactivity threshold in use: `days` formatted, `auto` when derived from the data. */
  threshold: (days: string, auto: boolean) => string;
  stagesTableCaption: string;
  transitionsTableCaption: (from: string, to: string) => string;
  /** Accessible name of a stage cell button. */
  stageCellLabel: (period: string, stage: string, customers: string) => string;
  /** Accessible name of a transition cell button. */
  transitionCellLabel: (from: string, to: string, customers: string) => string;
}

const en: LifecycleMessages = {
  stagesTitle: 'Customers by lifecycle stage',
  partialLastPeriod: (period, asOf) => `The last period (${period}) is shown as of ${asOf}, part-way through: fewer customers have ordered in it yet.`,
  chartLabel: 'Customer lifecycle: customers per stage and period, and the transitions between two periods',
  chartTakeaway: (period, stages) => `In ${period}: ${stages}.`,
  period: 'Period',
  customers: 'Customers',
  stage: 'Stage',
  share: 'Share',
  transitionsTitle: (from, to) => `Stage transitions ${from} → ${to}`,
  fromStage: (period) => `Stage in ${period}`,
  toStage: (period) => `Stage in ${period}`,
  transitionPeriod: 'Transitions into',
  threshold: (days, auto) =>
    `Churned: no order for more than ${days} days${auto ? ' (set from the data: 90th percentile of days between purchases)' : ''}. Dormant: no order in the period, not yet churned.`,
  stagesTableCaption: 'Customers per stage and period',
  transitionsTableCaption: (from, to) => `Customers moving between stages from ${from} to ${to}`,
  stageCellLabel: (period, stage, customers) => `${period}, ${stage}: ${customers} customers`,
  transitionCellLabel: (from, to, customers) => `${from} → ${to}: ${customers} customers`,
};

const zhCN: LifecycleMessages = {
  stagesTitle: '各生命周期阶段的客户数',
  partialLastPeriod: (period, asOf) => `最后一期（${period}）只统计到 ${asOf}，尚未结束：其中下单的客户偏少。`,
  chartLabel: '客户生命周期：各周期各阶段的客户数，以及两个周期之间的阶段流转',
  chartTakeaway: (period, stages) => `${period}：${stages}。`,
  period: '周期',
  customers: '客户数',
  stage: '阶段',
  share: '占比',
  transitionsTitle: (from, to) => `阶段流转 ${from} → ${to}`,
  fromStage: (period) => `${period} 阶段`,
  toStage: (period) => `${period} 阶段`,
  transitionPeriod: '流转至周期',
  threshold: (days, auto) =>
    `流失：超过 ${days} 天未购买${auto ? '（由数据确定：复购周期的第 90 百分位数）' : ''}。沉睡：本周期未购买，但尚未流失。`,
  stagesTableCaption: '各周期各阶段的客户数',
  transitionsTableCaption: (from, to) => `从 ${from} 到 ${to} 各阶段之间流转的客户数`,
  stageCellLabel: (period, stage, customers) => `${period}，${stage}：${customers} 位客户`,
  transitionCellLabel: (from, to, customers) => `${from} → ${to}：${customers} 位客户`,
};

/** @example lifecycleMessages('zh-CN').stage // '阶段' */
export function lifecycleMessages(lang: Lang): LifecycleMessages {
  return lang === 'zh-CN' ? zhCN : en;
}
