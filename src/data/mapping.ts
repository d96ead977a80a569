/**
 * Column-role detection and resolution. Names are compared after `normaliseName` (lower case, no
 * spaces, underscores, hyphens or dots), so `Customer ID`, `customer_id` and `CustomerID` are equal.
 */
import { LoadError, type ColumnMapping, type ResolvedMapping } from './types.js';

/** Lower case with spaces, underscores, hyphens and dots removed. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]+/g, '');
}

// Candidate names per role, most specific first. `masterid` is CDNOW's sample file customer column.
const CANDIDATES: Record<Exclude<keyof ColumnMapping, 'amount' | 'dimensions'>, string[]> = {
  customer: ['customerid', 'customer', 'customerno', 'customernumber', 'customerkey', 'custid', 'userid', 'user',
    'clientid', 'client', 'buyerid', 'buyer', 'memberid', 'member', 'shopperid', 'accountid', 'contactid', 'personid', 'masterid'],
  order: ['invoiceno', 'invoice', 'invoiceid', 'invoicenumber', 'orderid', 'order', 'orderno', 'ordernumber', 'transactionid',
    'transaction', 'txnid', 'receiptid', 'receiptno', 'basketid', 'purchaseid', 'saleid'],
  date: ['invoicedate', 'orderdate', 'date', 'createdat', 'timestamp', 'purchasedate', 'transactiondate', 'orderdatetime',
    'datetime', 'ordertime', 'purchasetime', 'saledate', 'created', 'time', 'ts', 'day'],
  product: ['stockcode', 'productid', 'product', 'sku', 'itemid', 'item', 'productcode', 'itemcode', 'articleid', 'article'],
  category: ['category', 'productcategory', 'categoryname', 'categoryid', 'department', 'productline'],
  channel: ['channel', 'saleschannel', 'orderchannel', 'platform', 'source', 'medium'],
  region: ['country', 'region', 'countrycode', 'shippingcountry', 'market', 'state'],
  // Never detected: a name column is display only, and hashing it costs load time nobody asked for.
  productName: [],
};
const AMOUNT = ['amount', 'revenue', 'total', 'sales', 'dollarvalue', 'ordervalue', 'totalamount', 'ordertotal', 'totalprice',
  'grandtotal', 'netamount', 'linetotal', 'subtotal', 'value', 'sale', 'spend', 'monetaryvalue', 'monetary', 'gmv', 'paymentvalue'];
const QUANTITY = ['quantity', 'qty', 'units', 'numberofunits', 'itemcount'];
const UNIT_PRICE = ['unitprice', 'price', 'itemprice', 'priceeach', 'priceperunit'];

function findColumn(byName: Map<string, string>, candidates: string[], taken: Set<string>): string | undefined {
  for (const c of candidates) {
    const name = byName.get(c);
    if (name !== undefined && !taken.has(name)) return name;
  }
  return undefined;
}

/**
 * Guesses column roles from column names (case, spaces and underscores ignored). Roles with no
 * matching column are left out. When there is no amount-like column but a quantity and a unit price,
 * `amount` is the expression `'<quantity>*<price>'`; a lone `price` column is used as the amount.
 *
 * @example
 * detectMapping(['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']);
 * // { customer: 'CustomerID', order: 'InvoiceNo', date: 'InvoiceDate', amount: 'Quantity*UnitPrice',
 * //   product: 'StockCode', region: 'Country' }
 */
export function detectMapping(columnNames: string[]): ColumnMapping {
  const byName = new Map<string, string>();
  for (const name of columnNames) {
    const key = normaliseName(name);
    if (!byName.has(key)) byName.set(key, name);
  }
  const taken = new Set<string>();
  const mapping: ColumnMapping = {};
  for (const role of ['customer', 'order', 'date', 'product', 'category', 'channel', 'region'] as const) {
    const found = findColumn(byName, CANDIDATES[role], taken);
    if (found !== undefined) {
      mapping[role] = found;
      taken.add(found);
    }
  }
  const amount = findColumn(byName, AMOUNT, taken);
  if (amount !== undefined) mapping.amount = amount;
  else {
    const quantity = findColumn(byName, QUANTITY, taken);
    const price = findColumn(byName, UNIT_PRICE, taken);
    if (quantity !== undefined && price !== undefined) mapping.amount = `${quantity}*${price}`;
    else if (price !== undefined) mapping.amount = price;
  }
  return mapping;
}

/** Roles in a fixed order; amount is split into its one or two factor columns. */
export const ROLES = ['customer', 'order', 'date', 'amountA', 'amountB', 'product', 'category', 'channel', 'region', 'productName'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_CUSTOMER = 0;
export const ROLE_ORDER = 1;
export const ROLE_DATE = 2;
export const ROLE_AMOUNT_A = 3;
export const ROLE_AMOUNT_B = 4;
export const ROLE_PRODUCT = 5;
export const ROLE_CATEGORY = 6;
export const ROLE_CHANNEL = 7;
export const ROLE_REGION = 8;
export const ROLE_PRODUCT_NAME = 9;
/** Dimension k of `mapping.dimensions` has the role index `ROLE_DIMENSION + k` (after the fixed roles). */
export const ROLE_DIMENSION = ROLES.length;

/** A resolved mapping plus, per role, the index of its source column (-1 when unmapped). */
export interface RoleColumns {
  mapping: ResolvedMapping;
  /** Column index per role, indexed by the ROLE_* constants, then one per dimension (`ROLE_DIMENSION + k`). */
  index: Int32Array;
}

function listColumns(names: string[]): string {
  const shown = names.slice(0, 20).join(', ');
  return names.length > 20 ? `${shown}, … (${names.length} columns)` : shown || '(none)';
}

/**
 * Combines the user's mapping with detection and finds each role's column.
 * Throws LoadError 'unknown-column', 'no-customer-column' or 'no-date-column'.
 */
export function resolveMapping(columnNames: string[], user: ColumnMapping | undefined): RoleColumns {
  const detected = detectMapping(columnNames);
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  columnNames.forEach((name, i) => {
    if (!exact.has(name)) exact.set(name, i);
    const key = normaliseName(name);
    if (!loose.has(key)) loose.set(key, i);
  });
  const lookup = (role: string, name: string): number => {
    const i = exact.get(name) ?? exact.get(name.trim()) ?? loose.get(normaliseName(name));
    if (i === undefined) {
      const fix = role === 'dimension' ? 'Fix mapping.dimensions (the dimension-fields attribute): each must be one of these.'
        : `Set mapping.${role} (the ${role}-field attribute) to one of these.`;
      throw new LoadError('unknown-column', `The ${role} column "${name}" does not exist: found ${listColumns(columnNames)}. ${fix}`);
    }
    return i;
  };
  const dimensions = user?.dimensions ?? [];
  const index = new Int32Array(ROLES.length + dimensions.length).fill(-1);
  const mapping: ColumnMapping = {};
  for (const role of ['customer', 'order', 'date', 'product', 'category', 'channel', 'region', 'productName'] as const) {
    const given = user?.[role];
    const name = given === null ? undefined : given ?? detected[role] ?? undefined; // null: "none", not detected
    if (name === undefined) continue;
    const i = lookup(role, name);
    index[ROLES.indexOf(role)] = i;
    mapping[role] = columnNames[i];
  }
  const amount = user?.amount === null ? undefined : user?.amount ?? detected.amount ?? undefined;
  if (amount !== undefined) {
    const factors = exact.has(amount) ? [amount] : amount.split('*').map((s) => s.trim());
    if (factors.length > 2 || factors.some((f) => f === '')) {
      throw new LoadError('bad-option', `The amount "${amount}" must be one column or a product of two columns like "Quantity*UnitPrice".`);
    }
    index[ROLE_AMOUNT_A] = lookup('amount', factors[0]);
    if (factors.length === 2) index[ROLE_AMOUNT_B] = lookup('amount', factors[1]);
    mapping.amount = factors.length === 2
      ? `${columnNames[index[ROLE_AMOUNT_A]]}*${columnNames[index[ROLE_AMOUNT_B]]}`
      : columnNames[index[ROLE_AMOUNT_A]];
  }
  if (dimensions.length > 0) {
    // Two names for one column ('Store', 'store') would make one dimension twice: kept once.
    const names: string[] = [];
    dimensions.forEach((name) => {
      const i = lookup('dimension', name);
      if (names.includes(columnNames[i])) return;
      index[ROLE_DIMENSION + names.length] = i;
      names.push(columnNames[i]);
    });
    mapping.dimensions = names;
  }
  if (mapping.customer === undefined) {
    throw new LoadError('no-customer-column',
      `No column looks like a customer id: found ${listColumns(columnNames)}; set customer-field (option mapping.customer) to the column that identifies the customer.`);
  }
  if (mapping.date === undefined) {
    throw new LoadError('no-date-column',
      `No column looks like an order date: found ${listColumns(columnNames)}; set date-field (option mapping.date) to the column with the order date.`);
  }
  const used = ROLE_DIMENSION + (mapping.dimensions?.length ?? 0);
  return { mapping: mapping as ResolvedMapping, index: used === index.length ? index : index.slice(0, used) };
}
