/**
 * Strings of <rw-orders>' status line that the shared catalogue (src/i18n/messages.ts) does not
 * have: the active filters. Numbers and dates arrive already formatted.
 */
import type { Lang } from '../../i18n/messages.js';

export interface OrdersMessages {
  /** How many orders the filters keep, e.g. "2,140 of 69,659 orders shown". */
  filtered: (kept: string, total: string) => string;
  range: (from: string, to: string) => string;
  since: (from: string) => string;
  until: (to: string) => string;
  /** The selected customers: the segment's label, or their number when there is no label. */
  segment: (label: string) => string;
  customerCount: (n: string) => string;
  /** Accessible name of the status line. */
  statusLabel: (id: string) => string;
}

const en: OrdersMessages = {
  filtered: (kept, total) => `${kept} of ${total} orders shown`,
  range: (from, to) => `${from} – ${to}`,
  since: (from) => `from ${from}`,
  until: (to) => `until ${to}`,
  segment: (label) => `segment: ${label}`,
  customerCount: (n) => `${n} selected customers`,
  statusLabel: (id) => (id ? `Orders data source "${id}"` : 'Orders data source'),
};

const zhCN: OrdersMessages = {
  filtered: (kept, total) => `显示 ${kept} / ${total} 笔订单`,
  range: (from, to) => `${from} 至 ${to}`,
  since: (from) => `自 ${from} 起`,
  until: (to) => `截至 ${to}`,
  segment: (label) => `客群：${label}`,
  customerCount: (n) => `已选 ${n} 位客户`,
  statusLabel: (id) => (id ? `订单数据源“${id}”` : '订单数据源'),
};

/** @example ordersMessagesFor('zh-CN').since('1997-01-01') // '自 1997-01-01 起' */
export function ordersMessagesFor(lang: Lang): OrdersMessages {
  return lang === 'zh-CN' ? zhCN : en;
}
