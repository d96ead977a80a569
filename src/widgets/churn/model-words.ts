/**
 * Words (en + zh-CN) for the purchase-model codes <rw-churn> and <rw-clv> both show: the model
 * names, why a model was chosen, each DegeneracyCode, what the at-risk list is ranked by and why
 * there are no money values. Codes live in the analyses; sentences only here.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { RecommendationReason } from '../../core/compare-models.js';
import type { DegeneracyCode, PurchaseModelName } from '../../core/model-diagnostics.js';
import type { PurchaseModelFit } from '../../core/purchase-models.js';
import { formatAmount, formatParameter } from '../../i18n/format.js';
import type { Lang } from '../../i18n/messages.js';

export interface ModelWords {
  modelTitle: string;
  modelName: Record<PurchaseModelName, string>;
  reason: Record<'requested' | RecommendationReason, string>;
  /** Wraps the reason after the model name: ASCII or full-width brackets. */
  aside: (text: string) => string;
  degeneracyTitle: string;
  degeneracy: Record<DegeneracyCode, string>;
  logLikelihood: string;
  converged: string;
  yes: string;
  no: string;
  /** The list's basis when P(alive) cannot rank: why, and what it is ranked by instead. */
  overdueBasis: Record<'negligible-dropout' | 'no-p-alive-below-threshold', string>;
  rankedBy: Record<'expected-value-lost' | 'expected-purchases-lost', string>;
  noAmounts: string;
  /** The spend model could not be fitted or gives no finite value. */
  noSpendModel: string;
}

const en: ModelWords = {
  modelTitle: 'Purchase model',
  modelName: { 'bg-nbd': 'BG/NBD', 'mbg-nbd': 'MBG/NBD', 'pareto-nbd': 'Pareto/NBD' },
  reason: {
    requested: 'as set by the model attribute',
    'lowest-holdout-error': 'chosen automatically: lowest holdout error',
    'lowest-bic': 'chosen automatically: lowest BIC',
    'all-degenerate-lowest-bic': 'chosen automatically: lowest BIC (every model has a parameter at a bound)',
    'only-model-fitted': 'chosen automatically: the only model that could be fitted',
  },
  aside: (t) => `(${t})`,
  degeneracyTitle: 'Caution: the fit is degenerate',
  degeneracy: {
    'negligible-dropout': 'the model sees almost no customers leaving, so P(alive) stays near 100% for everyone',
    'parameter-at-bound': 'a parameter is at the edge of what the data can identify',
    'few-repeat-customers': 'too few customers bought more than once to estimate when customers leave',
    'short-history': 'the history is too short to tell slow buyers from customers who left',
  },
  logLikelihood: 'LL',
  converged: 'converged',
  yes: 'yes',
  no: 'no',
  overdueBasis: {
    'negligible-dropout': 'Because the model sees negligible dropout, the list uses how overdue each customer is (the chance an active customer would be this silent) instead of P(alive).',
    'no-p-alive-below-threshold': 'No customer has P(alive) below the threshold although the inactivity rule finds churned customers, so the list uses how overdue each customer is instead.',
  },
  rankedBy: {
    'expected-value-lost': 'Ranked by expected value lost.',
    'expected-purchases-lost': 'Ranked by expected purchases lost (the data has no amounts).',
  },
  noAmounts: 'No money values: the data has no amount column, so only the purchase model is shown (expected purchases, not value).',
  noSpendModel: 'No money values: the spend model (Gamma-Gamma) cannot be fitted on these customers (too few repeat buyers, or a degenerate fit), so only the purchase model is shown.',
};

const zhCN: ModelWords = {
  modelTitle: '购买模型',
  modelName: { 'bg-nbd': 'BG/NBD 模型', 'mbg-nbd': 'MBG/NBD 模型', 'pareto-nbd': 'Pareto/NBD 模型' },
  reason: {
    requested: '按页面设置选用',
    'lowest-holdout-error': '自动选择：验证期误差最小',
    'lowest-bic': '自动选择：贝叶斯信息准则最小',
    'all-degenerate-lowest-bic': '自动选择：贝叶斯信息准则最小（所有模型都有参数落在边界上）',
    'only-model-fitted': '自动选择：唯一能拟合的模型',
  },
  aside: (t) => `（${t}）`,
  degeneracyTitle: '注意：模型拟合退化',
  degeneracy: {
    'negligible-dropout': '模型几乎看不到客户流失，所有客户的存活概率都接近 100%',
    'parameter-at-bound': '有参数落在数据可识别范围的边界上',
    'few-repeat-customers': '复购客户太少，无法估计客户何时流失',
    'short-history': '数据时间跨度太短，分不清购买慢的客户和已流失的客户',
  },
  logLikelihood: '对数似然',
  converged: '已收敛',
  yes: '是',
  no: '否',
  overdueBasis: {
    'negligible-dropout': '由于模型几乎看不到客户流失，名单改用逾期程度（仍活跃的客户沉默这么久的概率）排序，而不是存活概率。',
    'no-p-alive-below-threshold': '没有客户的存活概率低于阈值，但按沉默天数规则已有流失客户，因此名单改用逾期程度。',
  },
  rankedBy: {
    'expected-value-lost': '按预期损失金额排序。',
    'expected-purchases-lost': '按预期损失购买次数排序（数据没有金额）。',
  },
  noAmounts: '没有金额：数据中没有金额列，因此只显示购买模型（预期购买次数，而非价值）。',
  noSpendModel: '没有金额：这些客户无法拟合消费金额模型（复购客户太少或拟合退化），因此只显示购买模型。',
};

/** @example modelWords('zh-CN').modelName['pareto-nbd'] // 'Pareto/NBD 模型' */
export function modelWords(lang: Lang): ModelWords {
  return lang === 'zh-CN' ? zhCN : en;
}

/** The parameters of a fit, by name as the papers write them. */
function parameters(fit: PurchaseModelFit): [string, string, number][] {
  if (fit.model === 'pareto-nbd') return [['r', 'r', fit.r], ['α', 'alpha', fit.alpha], ['s', 's', fit.s], ['β', 'beta', fit.beta]];
  return [['r', 'r', fit.r], ['α', 'alpha', fit.alpha], ['a', 'a', fit.a], ['b', 'b', fit.b]];
}

/**
 * The model section both widgets show: name, why it was chosen, parameters, log-likelihood, and a
 * visible note per degeneracy code.
 */
export function modelSection(lang: Lang, fit: PurchaseModelFit, reason: 'requested' | RecommendationReason, degeneracy: readonly DegeneracyCode[]): TemplateResult {
  const w = modelWords(lang);
  // 'bgnbd-ll', 'paretonbd-converged'…: the keys <rw-clv> has always used for BG/NBD.
  const key = fit.model.replace(/-/g, '');
  return html`<section class="model" part="model" data-model=${fit.model}>
    <h3>${w.modelTitle}: <span class="model-name">${w.modelName[fit.model]}</span> <span class="model-reason" data-reason=${reason}>${w.aside(w.reason[reason])}</span></h3>
    <dl class="model-params">
      ${parameters(fit).map(([name, key, v]) => html`<div><dt>${name}</dt><dd data-param=${key}>${formatParameter(lang, v)}</dd></div>`)}
      <div><dt>${w.logLikelihood}</dt><dd data-param=${`${key}-ll`}>${formatAmount(lang, fit.logLikelihood, 1)}</dd></div>
      <div><dt>${w.converged}</dt><dd data-param=${`${key}-converged`}>${fit.converged ? w.yes : w.no}</dd></div>
    </dl>
    ${degeneracy.length
      ? html`<div class="note degenerate" role="note" data-note="degenerate"><strong>${w.degeneracyTitle}</strong><ul>
          ${degeneracy.map((code) => html`<li data-code=${code}>${w.degeneracy[code]}</li>`)}
        </ul></div>`
      : nothing}
  </section>`;
}

/** Styles of {@link modelSection} (both widgets add them to their styles). */
export const modelStyles = css`
  .model h3 {
    margin: 0.6em 0 0.3em;
    font-size: 0.9375em;
  }
  .model .model-reason {
    font-weight: normal;
    color: var(--rw-color-muted);
  }
  .model-params {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 1em;
    margin: 0;
    font-size: 0.875em;
  }
  .model-params > div {
    display: flex;
    gap: 0.35em;
  }
  .model-params dt {
    font-style: italic;
    color: var(--rw-color-muted);
  }
  .model-params dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .degenerate {
    margin: 0.5em 0;
    padding: 0.4em 0.6em;
    border-inline-start: 3px solid var(--rw-color-error);
    background: var(--rw-color-surface);
  }
  .degenerate ul {
    margin: 0.2em 0 0;
    padding-inline-start: 1.2em;
  }
`;
