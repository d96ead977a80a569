/**
 * Column-role detection and resolution. Names are compared after `normaliseName` (lower case, no
 * spaces, underscores, hyphens, dots or bracketed units), so `Customer ID`, `customer_id` and
 * `CustomerID` are equal, and so are `实付金额` and `实付金额（元）`. Chinese names keep their
 * characters (lower-casing leaves CJK alone): `客户编号` is compared as itself.
 *
 * Detection is by name first (English and Chinese export headers: Excel, Online Retail, Shopify,
 * WooCommerce, 淘宝/天猫, 京东, 有赞 and ERP exports), then, for customer, date and amount still
 * missing, by the values (`detectByValues`): a column of dates, an id-like column, a money column.
 */
import { parseAmountString } from './parse-amount.js';
import { parseDateText } from './parse-date.js';
import { ZoneClock } from './time-zone.js';
import { LoadError, type ColumnChoice, type ColumnMapping, type ResolvedMapping } from './types.js';

// Traditional characters of export headers (Big5 files from Taiwan and Hong Kong) → simplified, so
// 客戶編號 and 客户编号 are one name.
const TRADITIONAL = '戶編號訂單間額實稱類區買會員帳賬數價貨銷時創條碼產寶總購門廣東網際類別額費項單據統計營業擇選';
const SIMPLIFIED = '户编号订单间额实称类区买会员帐账数价货销时创条码产宝总购门广东网际类别额费项单据统计营业择选';
const TO_SIMPLIFIED = new Map([...TRADITIONAL].map((c, i) => [c, [...SIMPLIFIED][i]]));

/**
 * Lower case with spaces, underscores, hyphens, dots and a trailing bracketed unit (`(元)`,
 * `（USD）`, `(Billing)`) removed, and traditional Chinese header characters made simplified.
 * @example normaliseName('Email (Billing)'); // 'email'
 */
export function normaliseName(name: string): string {
  const plain = name.toLowerCase().replace(/\s*[(（\[【][^)）\]】]*[)）\]】]\s*$/u, '').replace(/[\s_\-.:：]+/gu, '');
  return /[\u3400-\u9fff]/u.test(plain) ? plain.replace(/[\u3400-\u9fff]/gu, (c) => TO_SIMPLIFIED.get(c) ?? c) : plain;
}

/** A candidate: an exact normalised name, or a pattern over the normalised name (Chinese headers). */
type Candidate = string | RegExp;

// Candidate names per role, most specific first. `masterid` is CDNOW's sample file customer column.
// Chinese: 客户/会员/买家/用户 + ID/编号/名/昵称 (淘宝 买家会员名, 有赞 买家昵称, 京东 下单帐号),
// 订单号/订单编号, 下单/付款/支付/创建 + 时间/日期 (淘宝 订单付款时间), 实付/支付/订单/商品 + 金额/总额
// (淘宝 买家实际支付金额), 商品名称/SKU/货号, 品类/类目, 渠道/平台/来源, 省份/城市/地区.
const CANDIDATES: Record<Exclude<keyof ColumnMapping, 'amount' | 'dimensions'>, Candidate[]> = {
  customer: ['customerid', 'customer', 'customerno', 'customernumber', 'customerkey', 'custid', 'cust', 'customercode', 'userid', 'uid', 'user',
    'clientid', 'client', 'buyerid', 'buyer', 'memberid', 'member', 'shopperid', 'accountid', 'contactid', 'personid', 'masterid',
    'kunde', 'kundennr', 'kundennummer', 'kundenid', 'cliente', 'idcliente', 'numeroclient',
    'customeremail', 'email', 'billingemail', 'billingemailaddress', 'emailaddress',
    /^(买家|客户|会员|顾客|用户)(id|编号|编码|号|代码|账号|帐号|账户|帐户|卡号)$/u, /^(买家|客户|会员|顾客|用户)$/u,
    /^(下单|买家)?(账号|帐号)$/u, /^(买家会员|买家|客户|会员|顾客|用户)(名|名称|昵称|用户名|会员名|姓名)$/u, /^(粉丝|微信)?昵称$/u,
    /^(客户|会员|买家)(手机|手机号|电话)$/u, /^(买家|收货人|客户)?(手机号码|手机号|手机)$/u],
  order: ['invoiceno', 'invoice', 'invoiceid', 'invoicenumber', 'orderid', 'order', 'orderno', 'ordernumber', 'ordercode', 'transactionid',
    'transaction', 'txnid', 'receiptid', 'receiptno', 'basketid', 'purchaseid', 'saleid', 'order#', 'ordernum',
    /^(订单|交易|单据|销售单|销售订单|主订单|平台订单)(号|编号|id|单号|编码)$/u, /^单号$/u, /^(订单|单据)$/u],
  date: ['invoicedate', 'orderdate', 'date', 'createdat', 'paidat', 'timestamp', 'purchasedate', 'transactiondate', 'orderdatetime',
    'datetime', 'ordertime', 'purchasetime', 'saledate', 'created', 'datecreated', 'orderdatecreated', 'orderplaced', 'time', 'ts', 'day',
    'datum', 'bestelldatum', 'rechnungsdatum', 'fecha', 'fechapedido', 'datecommande',
    /^(订单)?(下单)(时间|日期)$/u, /^(订单|买家)?(付款|支付)(时间|日期)$/u, /^(订单)?(创建)(时间|日期)$/u,
    /^(成交|交易|购买|销售|订单|单据|业务)(时间|日期)$/u, /^(日期|时间)$/u],
  product: ['stockcode', 'productid', 'product', 'sku', 'itemid', 'item', 'productcode', 'itemcode', 'articleid', 'article',
    'lineitemsku', 'lineitemname', 'productname', 'itemname',
    /^(商品|产品|货品|宝贝|物料)(名称|名|编码|编号|id|代码|标题)$/u, /^(商品|产品|宝贝)$/u, /^(货号|商家编码|sku编码|商品sku|规格编码)$/u],
  category: ['category', 'productcategory', 'categoryname', 'categoryid', 'department', 'productline', 'producttype', 'lineitemcategory',
    /^(商品|产品)?(品类|类目|分类|类别)(名称)?$/u],
  channel: ['channel', 'saleschannel', 'orderchannel', 'platform', 'source', 'medium', 'sourcename', 'createdvia',
    /^(销售|订单|来源)?(渠道|平台|来源)(名称)?$/u, /^(店铺|店铺名称)$/u],
  region: ['country', 'region', 'countrycode', 'shippingcountry', 'market', 'state', 'province', 'city',
    'shippingprovince', 'billingprovince', 'shippingcity', 'billingcountry', 'billingstate', 'shippingstate',
    /^(收货人|收货|收件人|买家|客户)?(所在)?(省份|省|城市|市|地区|区域|大区)$/u],
  // Never detected: a name column is display only, and hashing it costs load time nobody asked for.
  productName: [],
};
const AMOUNT: Candidate[] = ['amount', 'revenue', 'total', 'sales', 'dollarvalue', 'ordervalue', 'totalamount', 'ordertotal', 'totalprice',
  'grandtotal', 'netamount', 'linetotal', 'subtotal', 'value', 'sale', 'spend', 'monetaryvalue', 'monetary', 'gmv', 'paymentvalue', 'amt',
  'ordertotalamount', 'totalpaid', 'paidamount', 'betrag', 'gesamtbetrag', 'umsatz', 'importe', 'montant', 'valor',
  /^(买家)?(实际)?(实付|实收|支付|付款)(金额|总额|款)$/u, /^实付$/u, /^(订单|商品|成交|销售|应付|结算)(实付)?(金额|总额|总价|总金额)$/u,
  /^(销售额|成交额|营业额|总金额|金额|总额|价税合计)$/u];
const QUANTITY: Candidate[] = ['quantity', 'qty', 'units', 'numberofunits', 'itemcount', 'lineitemquantity',
  /^(购买|商品|销售|订购|宝贝)?(数量|件数)$/u];
const UNIT_PRICE: Candidate[] = ['unitprice', 'price', 'itemprice', 'priceeach', 'priceperunit', 'lineitemprice',
  /^(商品|销售|成交)?(单价|价格)$/u];

function findColumn(byName: Map<string, string>, candidates: Candidate[], taken: Set<string>): string | undefined {
  for (const c of candidates) {
    if (typeof c === 'string') {
      const name = byName.get(c);
      if (name !== undefined && !taken.has(name)) return name;
      continue;
    }
    for (const [key, name] of byName) if (!taken.has(name) && c.test(key)) return name;
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
  // Shopify's order export calls the order number (#1001) "Name": only there is "Name" an order id.
  const shopify = byName.has('financialstatus') || byName.has('lineitemquantity') || byName.has('lineitemname');
  for (const role of ['customer', 'order', 'date', 'product', 'category', 'channel', 'region'] as const) {
    const found = findColumn(byName, role === 'order' && shopify ? ['name', ...CANDIDATES.order] : CANDIDATES[role], taken);
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

/** Non-blank sample values of one column (as text), for detection by values. */
export type ColumnSample = (column: number) => string[];

const MONTH_FIRST = new ZoneClock('UTC');
const DAY_FIRST = Object.assign(new ZoneClock('UTC'), { dayFirst: true });
/** Share of a column's non-blank samples that must fit a role for the values to decide it. */
const VALUES_FIT = 0.9;

function share(values: string[], test: (v: string) => boolean): number {
  let n = 0;
  for (const v of values) if (test(v)) n++;
  return values.length === 0 ? 0 : n / values.length;
}

/** A date in either numeric order; a bare number of up to 7 digits is a count, an id or an amount, not a date. */
const isDate = (v: string): boolean => !/^\d{1,7}(\.\d+)?$/.test(v) &&
  (!Number.isNaN(parseDateText(v, 0, v.length, MONTH_FIRST)) || !Number.isNaN(parseDateText(v, 0, v.length, DAY_FIRST)));
/** Money as written in exports: digits with separators, an optional sign, currency symbol or code (`u17` is an id, not 17). */
const MONEY = /^[-+(]?\s*(?:\p{Sc}|[A-Z]{3}\s?)?\s*-?\d[\d,.\s']*\)?\s*(?:\p{Sc}|元|[A-Z]{3})?$/u;
const isAmount = (v: string): boolean => MONEY.test(v) && !Number.isNaN(parseAmountString(v));
/** Money with cents or a currency sign: what tells an amount from a count or an integer id. */
const isDecimalAmount = (v: string): boolean => isAmount(v) && (/[.,]\d{1,2}\s*(?:\p{Sc}|元|[A-Z]{3})?$/u.test(v) || /\p{Sc}|元/u.test(v));

/**
 * Roles the names left open, chosen by the values of the columns not yet used: the date is the
 * first column whose values are nearly all dates; the amount the first whose values are nearly all
 * numbers with cents or a currency sign (else nearly all numbers); the customer the first remaining
 * column that repeats values, has more than a handful of them (≥ 50, or ≥ 5% of the rows: not a
 * status or a country) and is neither dates nor decimal amounts (an id or a name).
 * Returns the roles found (never overriding `mapping`).
 *
 * @example
 * detectByValues(['a', 'b', 'c'], {}, (i) => [['u1', 'u2', 'u1'], ['2024-01-02', '2024-01-03', '2024-01-09'], ['9.90', '5.00', '12.50']][i]);
 * // { date: 'b', amount: 'c', customer: 'a' }
 */
export function detectByValues(columnNames: string[], mapping: ColumnMapping, sample: ColumnSample): ColumnMapping {
  const taken = new Set<string>();
  for (const v of Object.values(mapping)) if (typeof v === 'string') for (const f of v.split('*')) taken.add(f);
  const free = columnNames.map((name, i) => ({ name, i })).filter((c) => !taken.has(c.name));
  const values = new Map<number, string[]>();
  const of = (i: number): string[] => {
    let v = values.get(i);
    if (v === undefined) values.set(i, (v = sample(i).map((x) => x.trim()).filter((x) => x !== '')));
    return v;
  };
  const found: ColumnMapping = {};
  const take = (role: Exclude<keyof ColumnMapping, 'dimensions'>, c: { name: string } | undefined): void => {
    if (c === undefined) return;
    found[role] = c.name;
    taken.add(c.name);
  };
  const open = () => free.filter((c) => !taken.has(c.name) && of(c.i).length > 0);
  if (mapping.date === undefined) take('date', open().find((c) => share(of(c.i), isDate) >= VALUES_FIT));
  if (mapping.amount === undefined) {
    take('amount', open().find((c) => share(of(c.i), isAmount) >= VALUES_FIT && share(of(c.i), isDecimalAmount) >= 0.5));
  }
  if (mapping.customer === undefined) {
    take('customer', open().find((c) => {
      const v = of(c.i);
      const distinct = new Set(v).size;
      // Repeats (customers come back), but many values: a status or a country column has a handful.
      return distinct < v.length && (distinct >= 50 || distinct >= v.length / 20 && distinct > 1) &&
        share(v, isDate) < 0.5 && share(v, isDecimalAmount) < 0.5;
    }));
  }
  if (mapping.amount === undefined && found.amount === undefined) take('amount', open().find((c) => share(of(c.i), isAmount) >= VALUES_FIT));
  return found;
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
  /** How each mapped role's column was chosen, in role order. */
  choices: ColumnChoice[];
  /** Column index per role, indexed by the ROLE_* constants, then one per dimension (`ROLE_DIMENSION + k`). */
  index: Int32Array;
}

function stripUndefined(m: ColumnMapping | undefined): ColumnMapping {
  const out: ColumnMapping = {};
  if (m) for (const [k, v] of Object.entries(m)) if (v !== undefined) out[k as keyof ColumnMapping] = v;
  return out;
}

function listColumns(names: string[]): string {
  const shown = names.slice(0, 20).join(', ');
  return names.length > 20 ? `${shown}, … (${names.length} columns)` : shown || '(none)';
}

/**
 * Combines the user's mapping with detection and finds each role's column.
 * Throws LoadError 'unknown-column', 'no-customer-column' or 'no-date-column'.
 */
export function resolveMapping(columnNames: string[], user: ColumnMapping | undefined, sample?: ColumnSample,
  messages: { customerFix?: string; dateFix?: string } = {}): RoleColumns {
  const byName = detectMapping(columnNames);
  const known = { ...byName, ...stripUndefined(user) };
  const byValues = sample && (known.customer === undefined || known.date === undefined || known.amount === undefined)
    ? detectByValues(columnNames, known, sample) : {};
  const detected = { ...byValues, ...byName };
  const ruleOf = (role: keyof ColumnMapping): ColumnChoice['rule'] =>
    user?.[role] !== undefined ? 'given' : byName[role] !== undefined ? 'name' : 'values';
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
      `No column looks like a customer id: found ${listColumns(columnNames)}; ${messages.customerFix ?? 'set customer-field (option mapping.customer)'} to the column that identifies the customer.`);
  }
  if (mapping.date === undefined) {
    throw new LoadError('no-date-column',
      `No column looks like an order date: found ${listColumns(columnNames)}; ${messages.dateFix ?? 'set date-field (option mapping.date)'} to the column with the order date.`);
  }
  const choices: ColumnChoice[] = [];
  for (const role of ['customer', 'order', 'date', 'amount', 'product', 'category', 'channel', 'region', 'productName'] as const) {
    const column = mapping[role];
    if (typeof column === 'string') choices.push({ role, column, rule: ruleOf(role) });
  }
  const used = ROLE_DIMENSION + (mapping.dimensions?.length ?? 0);
  return { mapping: mapping as ResolvedMapping, index: used === index.length ? index : index.slice(0, used), choices };
}
