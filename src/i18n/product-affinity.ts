/**
 * Strings of `<rw-product-affinity>` (and of its chart builder `src/charts/product-affinity.ts`), in
 * English and Simplified Chinese. zh-CN terms: 关联分析 affinity analysis, 购物篮 basket,
 * 支持度 support, 置信度 confidence, 提升度 lift.
 * Functions take already formatted text, so number formats stay in `i18n/format.ts`.
 */
import type { Lang } from './messages.js';

export interface ProductAffinityMessages {
  chartLabel: string;
  /** What the heatmap shows at a glance: the pair bought together most often (or that none was). */
  chartTakeaway: (a: string, b: string, orders: string) => string;
  chartTakeawayNoPairs: string;
  tilesLabel: string;
  pairsTitle: string;
  product: string;
  category: string;
  itemA: string;
  itemB: string;
  orders: string;
  support: string;
  confidenceAB: string;
  confidenceBA: string;
  lift: string;
  sortBy: string;
  /** Accessible name of a pair row's button. */
  pairButton: (a: string, b: string, orders: string) => string;
  heatmapTitle: (n: string) => string;
  heatmapNote: string;
  basketOrders: string;
  medianItems: string;
  multiItemShare: string;
  skipped: (n: string, max: string) => string;
  noPairs: string;
  noItems: string;
  nextTitle: (item: string) => string;
  nextItem: string;
  customers: string;
  share: string;
  medianDays: string;
  days: (n: string) => string;
  nextSummary: (customers: string, next: string, never: string) => string;
  neverAgain: string;
  nextButton: (item: string, customers: string) => string;
  followItem: string;
  unknownItem: (item: string) => string;
}

const en: ProductAffinityMessages = {
  chartLabel: 'Products bought together: lift between the most-ordered items',
  chartTakeaway: (a, b, orders) => `Bought together most often: ${a} and ${b}, in ${orders} orders.`,
  chartTakeawayNoPairs: 'No two items were bought together often enough to show.',
  tilesLabel: 'Basket headline numbers',
  pairsTitle: 'Pairs bought in the same order',
  product: 'Product',
  category: 'Category',
  itemA: 'Item A',
  itemB: 'Item B',
  orders: 'Orders with both',
  support: 'Support',
  confidenceAB: 'Confidence A→B',
  confidenceBA: 'Confidence B→A',
  lift: 'Lift',
  sortBy: 'Sort by',
  pairButton: (a, b, orders) => `${a} with ${b}: ${orders} orders — select the customers who bought both`,
  heatmapTitle: (n) => `Lift between the ${n} most-ordered items`,
  heatmapNote: 'Lift > 1: bought together more often than chance. Blank: never in one order.',
  basketOrders: 'Orders with items',
  medianItems: 'Median items per order',
  multiItemShare: 'Orders with 2+ items',
  skipped: (n, max) => `${n} orders with more than ${max} items left out`,
  noPairs: 'No pair reaches the minimum number of orders.',
  noItems: 'Map a product (or category) column to see what is bought together.',
  nextTitle: (item) => `Bought next after ${item}`,
  nextItem: 'Next purchase holds',
  customers: 'Customers',
  share: 'Share',
  medianDays: 'Median days',
  days: (n) => `${n} d`,
  nextSummary: (customers, next, never) => `${customers} customers bought it; ${next} came back, ${never} never ordered again.`,
  neverAgain: 'Never ordered again',
  nextButton: (item, customers) => `${item}: ${customers} customers — select them`,
  followItem: 'Follow item',
  unknownItem: (item) => `${item} does not occur in the data.`,
};

const zhCN: ProductAffinityMessages = {
  chartLabel: '关联分析：最常购买商品之间的提升度',
  chartTakeaway: (a, b, orders) => `最常一起购买：${a} 与 ${b}，共 ${orders} 个订单。`,
  chartTakeawayNoPairs: '没有足够常一起购买的商品组合。',
  tilesLabel: '购物篮核心指标',
  pairsTitle: '同一订单中一起购买的商品组合',
  product: '商品',
  category: '品类',
  itemA: '商品 A',
  itemB: '商品 B',
  orders: '同时购买的订单数',
  support: '支持度',
  confidenceAB: '置信度 A→B',
  confidenceBA: '置信度 B→A',
  lift: '提升度',
  sortBy: '排序',
  pairButton: (a, b, orders) => `${a} 与 ${b}：${orders} 单 — 选中同时购买的客户`,
  heatmapTitle: (n) => `最常购买的 ${n} 个商品之间的提升度`,
  heatmapNote: '提升度 > 1：一起购买的频率高于随机。空白：从未出现在同一订单中。',
  basketOrders: '含商品的订单数',
  medianItems: '每单商品数中位数',
  multiItemShare: '含 2 件及以上商品的订单',
  skipped: (n, max) => `已排除 ${n} 个商品数超过 ${max} 的订单`,
  noPairs: '没有商品组合达到最低订单数。',
  noItems: '请映射商品（或品类）列以查看关联购买。',
  nextTitle: (item) => `购买 ${item} 之后的下一次购买`,
  nextItem: '下一次购买的商品',
  customers: '客户数',
  share: '占比',
  medianDays: '间隔天数中位数',
  days: (n) => `${n} 天`,
  nextSummary: (customers, next, never) => `${customers} 位客户购买过；${next} 位再次购买，${never} 位再未下单。`,
  neverAgain: '再未下单',
  nextButton: (item, customers) => `${item}：${customers} 位客户 — 选中他们`,
  followItem: '跟踪商品',
  unknownItem: (item) => `数据中没有 ${item}。`,
};

const catalog: Record<Lang, ProductAffinityMessages> = { en, 'zh-CN': zhCN };

/** Strings of <rw-product-affinity> in `lang`. */
export function productAffinityMessages(lang: Lang): ProductAffinityMessages {
  return catalog[lang];
}
