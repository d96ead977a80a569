/**
 * Strings of <rw-drivers> in English and Simplified Chinese, and the plain-words sentences built
 * from the codes of a `drivers` result (feature names 首单渠道 / 首单商品 / 首单金额 / 地区 / 获客月份,
 * targets 复购 / 流失 / 高价值, 其余 for the rest). Numbers are formatted here through
 * `i18n/format.ts`; data values (channel, product, region names) are shown as they are.
 */
import { MISSING_KEY } from '../../core/breakdown.js';
import type { DriverFeatureName } from '../../core/drivers.js';
import type { OutcomeTarget } from '../../core/customer-outcome.js';
import { formatDecimal, formatInteger, formatMoney, formatPercent, formatPeriodKey } from '../../i18n/format.js';
import type { Lang } from '../../i18n/messages.js';
import type { DriverCondition, DriverFinding } from './drivers.findings.js';

/** What a sentence needs besides the codes: the language, the currency and the repurchase window. */
export interface PhraseContext {
  lang: Lang;
  currency?: string;
  target: OutcomeTarget;
  withinDays?: number;
}

export interface DriversMessages {
  /** Name of a feature (column header, CSV); a dimension's own name otherwise. */
  feature: (name: DriverFeatureName) => string;
  /** The rate's name for a target, e.g. "90-day repurchase rate". */
  rateName: (target: OutcomeTarget, withinDays: string) => string;
  /** Overall headline: eligible customers and their rate. */
  overall: (customers: string, rateName: string, rate: string) => string;
  /** Why customers were left out of the rate (repurchase: window not over yet). */
  censoredNote: (withinDays: string) => string;
  noEligible: (rateName: string) => string;
  findingsTitle: string;
  noFindings: string;
  /** A finding: conditions (already joined), the rate's name, the rate and the rest's rate. */
  finding: (conditions: string, rateName: string, rate: string, rest: string) => string;
  and: string;
  allCustomers: string;
  /** Phrase of one condition. */
  condition: (c: DriverCondition, ctx: PhraseContext) => string;
  factorsTitle: string;
  /** Column header of the feature names. */
  factor: string;
  factorsNote: (alpha: string, minLeaf: string) => string;
  value: string;
  customers: string;
  rate: string;
  interval: string;
  rateElsewhere: string;
  lift: string;
  /** "Feature: value" (the lift chart's bar labels). */
  featureValue: (feature: string, value: string) => string;
  /** Title of the lift chart. */
  liftTitle: (rateName: string) => string;
  notSignificant: string;
  flag: string;
  higher: string;
  lower: string;
  notTested: string;
  showAll: (n: string) => string;
  showFewer: string;
  treeTitle: string;
  treeNote: (maxDepth: string, minLeaf: string) => string;
  /** aria-label of a factor row / tree leaf button. */
  selectLabel: (conditions: string, customers: string) => string;
  /** CSV-only headers. */
  csv: { featureKey: string; valueKey: string; successes: string; low: string; high: string; pValue: string; adjustedP: string };
  /** A value of a feature in words (a band, a month, a weekday; data values as they are). */
  valueText: (feature: DriverFeatureName, key: string, ctx: PhraseContext) => string;
}

const EN_FEATURES: Record<string, string> = {
  firstProduct: 'First product',
  firstCategory: 'First category',
  firstOrderValue: 'First order value',
  channel: 'First-order channel',
  region: 'Region',
  cohort: 'Acquisition month',
  firstWeekday: 'First-order weekday',
  daysToSecondOrder: 'Days to second order',
};
const ZH_FEATURES: Record<string, string> = {
  firstProduct: '首单商品',
  firstCategory: '首单品类',
  firstOrderValue: '首单金额',
  channel: '首单渠道',
  region: '地区',
  cohort: '获客月份',
  firstWeekday: '首单星期',
  daysToSecondOrder: '第二单间隔',
};
const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ZH_WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** Lower and upper edges of a band key `[lo,hi)` (NaN for an open side). */
function edges(key: string): [number, number] {
  const m = /^\[([^,]*),([^)]*)\)$/.exec(key);
  if (!m) return [NaN, NaN];
  return [m[1] === '' ? NaN : Number(m[1]), m[2] === '' ? NaN : Number(m[2])];
}

const money = (ctx: PhraseContext, x: number) => formatMoney(ctx.lang, x, ctx.currency, Number.isInteger(x) ? 0 : 2);
const days = (ctx: PhraseContext, x: number) => formatInteger(ctx.lang, x);

/** Money band `[lo,hi)` as "£50–£200", "≥ £200" or "< £20". */
function moneyBand(ctx: PhraseContext, lo: number, hi: number): string {
  if (Number.isNaN(lo) && Number.isNaN(hi)) return ctx.lang === 'zh-CN' ? '任意' : 'any';
  if (Number.isNaN(lo)) return `< ${money(ctx, hi)}`;
  if (Number.isNaN(hi)) return `≥ ${money(ctx, lo)}`;
  return `${money(ctx, lo)}–${money(ctx, hi)}`;
}

/** The complement of a value band in words: an open band's other side, else "outside …" (`outside`). */
function otherBand(ctx: PhraseContext, key: string, outside: (band: string) => string): string {
  const [lo, hi] = edges(key);
  if (Number.isNaN(lo) && !Number.isNaN(hi)) return moneyBand(ctx, hi, NaN);
  if (!Number.isNaN(lo) && Number.isNaN(hi)) return moneyBand(ctx, NaN, lo);
  return outside(moneyBand(ctx, lo, hi));
}

/** A data value after Chinese text: a space before Latin letters, digits or symbols, none before Chinese ("来自 app", "来自天猫"). */
function zhValue(v: string): string {
  return /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(v) ? v : ` ${v}`;
}

function periodText(ctx: PhraseContext, key: string): string {
  return formatPeriodKey(ctx.lang, /^\d{4}-\d{2}$/.test(key) ? 'month' : 'day', key);
}

function valueText(feature: DriverFeatureName, key: string, ctx: PhraseContext): string {
  const zh = ctx.lang === 'zh-CN';
  if (key === MISSING_KEY) return zh ? '（空白）' : '(blank)';
  if (feature === 'firstOrderValue') {
    const [lo, hi] = edges(key);
    return moneyBand(ctx, lo, hi);
  }
  if (feature === 'cohort') return periodText(ctx, key);
  if (feature === 'firstWeekday') return (zh ? ZH_WEEKDAYS : EN_WEEKDAYS)[Number(key) - 1] ?? key;
  if (feature === 'daysToSecondOrder') {
    if (key === 'none') return zh ? '没有第二单' : 'no second order';
    const [lo, hi] = edges(key);
    const unit = zh ? ' 天' : ' days';
    if (Number.isNaN(hi)) return `≥ ${days(ctx, lo)}${unit}`;
    return `${days(ctx, lo)}–${days(ctx, hi - 1)}${unit}`;
  }
  return key;
}

/** en: noun phrases after "Customers with …". */
function conditionEn(c: DriverCondition, ctx: PhraseContext): string {
  const f = c.feature;
  const name = (EN_FEATURES[f] ?? f).toLowerCase();
  if (c.op === 'range') return rangeEn(c, ctx);
  const v = valueText(f, c.value, ctx);
  const not = c.op === 'ne';
  switch (f) {
    case 'channel':
      return not ? `first order not through ${v}` : `first order through ${v}`;
    case 'firstWeekday':
      return not ? `first order not on a ${v}` : `first order on a ${v}`;
    case 'firstOrderValue':
      return `first order value ${not ? otherBand(ctx, c.value, (band) => `outside ${band}`) : v}`;
    case 'daysToSecondOrder':
      if (c.value === 'none') return not ? 'a second order' : 'no second order';
      return not ? `second order not ${v} after the first` : `second order ${v} after the first`;
    default:
      return not ? `${name} other than ${v}` : `${name} ${v}`;
  }
}

function rangeEn(c: Extract<DriverCondition, { op: 'range' }>, ctx: PhraseContext): string {
  const { feature: f, from, to } = c;
  if (f === 'firstOrderValue') return `first order value ${moneyBand(ctx, from ? edges(from)[0] : NaN, to ? edges(to)[0] : NaN)}`;
  if (f === 'daysToSecondOrder') {
    if (from === 'none') return 'no second order';
    const lo = from ? edges(from)[0] : NaN;
    if (to === 'none') return Number.isNaN(lo) ? 'a second order' : `second order ≥ ${days(ctx, lo)} days after the first`;
    const hi = to ? edges(to)[0] : NaN;
    if (Number.isNaN(hi)) return `second order ≥ ${days(ctx, lo)} days after the first, or none`;
    if (Number.isNaN(lo)) return `second order within ${days(ctx, hi - 1)} days of the first`;
    return `second order ${days(ctx, lo)}–${days(ctx, hi - 1)} days after the first`;
  }
  // cohort (and any other ordered key): periods
  if (from && to) return `acquisition month from ${periodText(ctx, from)} to before ${periodText(ctx, to)}`;
  if (from) return `acquisition month ${periodText(ctx, from)} or later`;
  if (to) return `acquisition month before ${periodText(ctx, to)}`;
  return 'any acquisition month';
}

/** zh: phrases joined with 且 before "的客户". */
function conditionZh(c: DriverCondition, ctx: PhraseContext): string {
  const f = c.feature;
  const name = ZH_FEATURES[f] ?? f;
  if (c.op === 'range') return rangeZh(c, ctx);
  const v = valueText(f, c.value, ctx);
  const not = c.op === 'ne';
  switch (f) {
    case 'channel':
      return not ? `首单不来自${zhValue(v)}` : `首单来自${zhValue(v)}`;
    case 'firstWeekday':
      return not ? `首单不在${v}` : `首单在${v}`;
    case 'firstOrderValue':
      return not ? `首单金额${otherBand(ctx, c.value, (band) => `不在 ${band}`).replace(/^(?!不在)/, ' ')}` : `首单金额 ${v}`;
    case 'daysToSecondOrder':
      if (c.value === 'none') return not ? '有第二单' : '没有第二单';
      return not ? `第二单距首单不在 ${v}` : `第二单距首单 ${v}`;
    default:
      return not ? `${name}不是${zhValue(v)}` : `${name}为${zhValue(v)}`;
  }
}

function rangeZh(c: Extract<DriverCondition, { op: 'range' }>, ctx: PhraseContext): string {
  const { feature: f, from, to } = c;
  if (f === 'firstOrderValue') return `首单金额 ${moneyBand(ctx, from ? edges(from)[0] : NaN, to ? edges(to)[0] : NaN)}`;
  if (f === 'daysToSecondOrder') {
    if (from === 'none') return '没有第二单';
    const lo = from ? edges(from)[0] : NaN;
    if (to === 'none') return Number.isNaN(lo) ? '有第二单' : `第二单距首单 ≥ ${days(ctx, lo)} 天`;
    const hi = to ? edges(to)[0] : NaN;
    if (Number.isNaN(hi)) return `第二单距首单 ≥ ${days(ctx, lo)} 天或没有第二单`;
    if (Number.isNaN(lo)) return `第二单距首单不超过 ${days(ctx, hi - 1)} 天`;
    return `第二单距首单 ${days(ctx, lo)}–${days(ctx, hi - 1)} 天`;
  }
  if (from && to) return `获客月份在 ${periodText(ctx, from)} 至 ${periodText(ctx, to)} 之前`;
  if (from) return `获客月份不早于 ${periodText(ctx, from)}`;
  if (to) return `获客月份早于 ${periodText(ctx, to)}`;
  return '任意获客月份';
}

const latinEnd = (text: string) => /[A-Za-z0-9%)$£¥€]$/.test(text);
const latinStart = (text: string) => /^[A-Za-z0-9]/.test(text);

const en: DriversMessages = {
  feature: (name) => EN_FEATURES[name] ?? name,
  rateName: (target, n) => (target === 'repurchase' ? `${n}-day repurchase rate` : target === 'churn' ? 'churn rate' : 'high-value share'),
  overall: (customers, rateName, rate) => `${customers} customers, ${rateName} ${rate}`,
  censoredNote: (n) => `Customers whose first ${n} days are not over by the last day of the data are left out.`,
  noEligible: (rateName) => `No customer can be counted in the ${rateName} yet (their window is not over by the last day of the data).`,
  findingsTitle: 'What sets customers apart',
  noFindings: 'No factor separates the customers beyond chance.',
  finding: (conditions, rateName, rate, rest) => `Customers with ${conditions}: ${rateName} ${rate}, the rest ${rest}.`,
  and: ' and ',
  allCustomers: 'All customers',
  condition: conditionEn,
  factorsTitle: 'Factors, ranked',
  factor: 'Factor',
  factorsNote: (alpha, minLeaf) =>
    `Each value against every other customer. ▲ ▼: differs beyond chance (two-proportion z test, Holm-corrected, α = ${alpha}); values with fewer than ${minLeaf} customers are not tested.`,
  value: 'Value',
  customers: 'Customers',
  rate: 'Rate',
  interval: '95% interval',
  rateElsewhere: 'Rate elsewhere',
  lift: 'Lift',
  featureValue: (feature, value) => `${feature}: ${value}`,
  liftTitle: (rateName) => `Lift of the top values: their ${rateName} ÷ the rest's`,
  notSignificant: 'within chance',
  flag: 'Differs',
  higher: 'higher',
  lower: 'lower',
  notTested: 'too few to test',
  showAll: (n) => `Show all ${n}`,
  showFewer: 'Show fewer',
  treeTitle: 'Segments found by a decision tree',
  treeNote: (maxDepth, minLeaf) =>
    `Classification tree (CART, Gini), at most ${maxDepth} levels, at least ${minLeaf} customers per segment; a split is kept only when its two sides differ beyond chance (p < 0.05).`,
  selectLabel: (conditions, customers) => `Select the ${customers} customers with ${conditions}`,
  csv: { featureKey: 'Feature key', valueKey: 'Value key', successes: 'Customers with the outcome', low: 'Rate 95% low', high: 'Rate 95% high', pValue: 'p', adjustedP: 'p (Holm)' },
  valueText,
};

const zhCN: DriversMessages = {
  feature: (name) => ZH_FEATURES[name] ?? name,
  rateName: (target, n) => (target === 'repurchase' ? `${n} 天复购率` : target === 'churn' ? '流失率' : '高价值客户占比'),
  overall: (customers, rateName, rate) => `客户 ${customers} 位，${rateName} ${rate}`,
  censoredNote: (n) => `首单后 ${n} 天尚未结束（晚于数据最后一天）的客户不计入。`,
  noEligible: (rateName) => `还没有可计入${rateName}的客户（观察期尚未结束）。`,
  findingsTitle: '哪些客户与众不同',
  noFindings: '没有哪个因素能在统计上显著区分客户。',
  // A space only between Chinese and Latin or digits: "≥ ¥200 的客户 90 天复购率", "没有第二单的客户流失率".
  finding: (conditions, rateName, rate, rest) => `${conditions}${latinEnd(conditions) ? ' ' : ''}的客户${latinStart(rateName) ? ' ' : ''}${rateName} ${rate}，其余 ${rest}`,
  and: '且',
  allCustomers: '全部客户',
  condition: conditionZh,
  factorsTitle: '影响因素排名',
  factor: '因素',
  factorsNote: (alpha, minLeaf) =>
    `每个取值与其余客户比较。▲ ▼：差异在统计上显著（双比例 z 检验，Holm 校正，α = ${alpha}）；客户少于 ${minLeaf} 位的取值不做检验。`,
  value: '取值',
  customers: '客户数',
  rate: '比率',
  interval: '95% 置信区间',
  rateElsewhere: '其余客户比率',
  lift: '提升度',
  featureValue: (feature, value) => `${feature}：${value}`,
  liftTitle: (rateName) => `排名靠前取值的提升度（该取值的${latinStart(rateName) ? ' ' : ''}${rateName} ÷ 其余客户的${latinStart(rateName) ? ' ' : ''}${rateName}）`,
  notSignificant: '差异不显著',
  flag: '差异',
  higher: '更高',
  lower: '更低',
  notTested: '样本过少，未检验',
  showAll: (n) => `显示全部 ${n} 项`,
  showFewer: '收起',
  treeTitle: '决策树找到的客户分群',
  treeNote: (maxDepth, minLeaf) => `分类树（CART，基尼系数），最多 ${maxDepth} 层，每群至少 ${minLeaf} 位客户；只有两侧差异显著（p < 0.05）时才继续拆分。`,
  selectLabel: (conditions, customers) => `选择${conditions}${latinEnd(conditions) ? ' ' : ''}的 ${customers} 位客户`,
  csv: { featureKey: '因素代码', valueKey: '取值代码', successes: '达成客户数', low: '比率 95% 下限', high: '比率 95% 上限', pValue: 'p 值', adjustedP: 'p 值（Holm 校正）' },
  valueText,
};

/** @example driversMessages('zh-CN').feature('channel') // '首单渠道' */
export function driversMessages(lang: Lang): DriversMessages {
  return lang === 'zh-CN' ? zhCN : en;
}

/**
 * Conditions in words, joined ("first order through tmall and first order value ≥ £200";
 * "首单来自 tmall且首单金额 ≥ ¥200"); the root's empty list is "All customers" / "全部客户".
 * @example conditionsText([{ feature: 'channel', op: 'eq', value: 'app' }], { lang: 'en', target: 'repurchase' })
 */
export function conditionsText(conditions: readonly DriverCondition[], ctx: PhraseContext): string {
  const m = driversMessages(ctx.lang);
  if (!conditions.length) return m.allCustomers;
  const phrases = conditions.map((c) => m.condition(c, ctx));
  if (ctx.lang !== 'zh-CN') return phrases.join(m.and);
  // 且 sits between Chinese phrases without spaces; after a Latin data value ("来自 app") a space keeps them apart.
  return phrases.reduce((text, p) => `${text}${latinEnd(text) ? ' ' : ''}${m.and}${latinStart(p) ? ' ' : ''}${p}`);
}

/** The rate's name of a result ("90-day repurchase rate" / "90 天复购率"). */
export function rateNameOf(ctx: PhraseContext): string {
  return driversMessages(ctx.lang).rateName(ctx.target, formatInteger(ctx.lang, ctx.withinDays ?? 0));
}

/**
 * A finding as one sentence, rates as whole percents:
 * "首单来自 tmall且首单金额 ≥ ¥200 的客户 90 天复购率 61%，其余 34%".
 * @example findingSentence(driverFindings(d)[0], { lang: 'en', target: 'repurchase', withinDays: 90 })
 */
export function findingSentence(f: DriverFinding, ctx: PhraseContext): string {
  const m = driversMessages(ctx.lang);
  return m.finding(conditionsText(f.conditions, ctx), rateNameOf(ctx), formatPercent(ctx.lang, f.rate, 0), formatPercent(ctx.lang, f.restRate, 0));
}

/** Lift as "1.85×" (en) / "1.85 倍" (zh-CN); "–" when undefined. */
export function liftText(lang: Lang, lift: number): string {
  if (!Number.isFinite(lift)) return '–';
  return lang === 'zh-CN' ? `${formatDecimal(lang, lift, 2)} 倍` : `${formatDecimal(lang, lift, 2)}×`;
}
