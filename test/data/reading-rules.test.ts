import { expect } from '@open-wc/testing';
import { detectEncoding, toUtf8 } from '../../src/data/encoding.js';
import { chooseDateReading, langIsDayFirst } from '../../src/data/date-format.js';
import { detectByValues, detectMapping, normaliseName } from '../../src/data/mapping.js';
import { excelSerialMs, parseDateText } from '../../src/data/parse-date.js';
import { parseDateBytes } from '../../src/data/parse-bytes.js';
import { jsonRows, nextPageUrl, parseJsonExact, parseNdjson } from '../../src/data/json-rows.js';
import { ZoneClock } from '../../src/data/time-zone.js';
import { loadOrders, LoadError } from '../../src/data/index.js';
import { loadError } from './load-error.js';

const DAY = 86_400_000;
const wall = (y: number, m: number, d: number, hh = 0, mi = 0, ss = 0): number => Date.UTC(y, m - 1, d, hh, mi, ss);

describe('reading rules: encodings', () => {
  // GBK / Big5 bytes of 客户 / 客戶 (hand-made: no encoder for them in the platform).
  const gbk = new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0x41]); // 客户,A
  const big5 = new Uint8Array([0xab, 0xc8, 0xa4, 0xe1, 0xbd, 0x73, 0xb8, 0xb9]); // 客戶編號

  it('BOMs decide; valid UTF-8 is UTF-8; GB18030 and Big5 by the decoding; else Windows-1252', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).to.equal('utf-8');
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).to.equal('utf-16le');
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]))).to.equal('utf-16be');
    expect(detectEncoding(new TextEncoder().encode('客户,José'))).to.equal('utf-8');
    expect(detectEncoding(gbk)).to.equal('gb18030');
    expect(detectEncoding(big5)).to.equal('big5');
    // Müller: fc 6c is a valid GBK pair, but Western text has single high bytes between letters.
    expect(detectEncoding(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x2c, 0xa3, 0x35]))).to.equal('windows-1252');
    // UTF-16 LE without a BOM: NULs in every other byte.
    expect(detectEncoding(new Uint8Array([...'c,d\r\nx,1\r\n'].flatMap((c) => [c.charCodeAt(0), 0])))).to.equal('utf-16le');
  });

  it('toUtf8 converts and names the encoding; a forced encoding wins; GBK is read as its superset GB18030', () => {
    const got = toUtf8(gbk);
    expect(new TextDecoder().decode(got.bytes)).to.equal('客户,A');
    expect(got.encoding).to.equal('gb18030');
    expect(toUtf8(gbk, 'gbk').encoding).to.equal('gb18030');
    expect(new TextDecoder().decode(toUtf8(big5, 'big5').bytes)).to.equal('客戶編號');
    expect(() => toUtf8(gbk, 'nope')).to.throw(LoadError).with.property('code', 'bad-encoding');
  });
});

describe('reading rules: dates', () => {
  const md = new ZoneClock('UTC');
  const dm = Object.assign(new ZoneClock('UTC'), { dayFirst: true });
  const parse = (s: string, clock = md): number => parseDateText(s, 0, s.length, clock);

  it('month-first and day-first numeric dates, single digits, times with AM/PM', () => {
    expect(parse('12/1/2010 8:26')).to.equal(wall(2010, 12, 1, 8, 26));
    expect(parse('12/1/2010 8:26', dm)).to.equal(wall(2010, 1, 12, 8, 26));
    expect(parse('31/01/2024', dm)).to.equal(wall(2024, 1, 31));
    expect(parse('31/01/2024')).to.be.NaN;
    expect(parse('31.01.2024', dm)).to.equal(wall(2024, 1, 31));
    expect(parse('1/5/2024 12:05 AM')).to.equal(wall(2024, 1, 5, 0, 5));
    expect(parse('1/5/2024 12:05 PM')).to.equal(wall(2024, 1, 5, 12, 5));
    expect(parse('1/5/2024 3:05:09 pm')).to.equal(wall(2024, 1, 5, 15, 5, 9));
    expect(parse('1/5/2024 13:05 PM')).to.be.NaN;
    expect(parse('2024/3/7 9:05')).to.equal(wall(2024, 3, 7, 9, 5));
    expect(parse('2024-03-07T09:05:00Z')).to.equal(wall(2024, 3, 7, 9, 5));
  });

  it('Chinese dates with or without a time, 上午/下午, 时分秒', () => {
    expect(parse('2024年1月5日')).to.equal(wall(2024, 1, 5));
    expect(parse('2024年1月5日 9:05')).to.equal(wall(2024, 1, 5, 9, 5));
    expect(parse('2024年1月5日下午3:05')).to.equal(wall(2024, 1, 5, 15, 5));
    expect(parse('2024年1月5日 上午 12:30')).to.equal(wall(2024, 1, 5, 0, 30));
    expect(parse('2024年1月5日 9时5分30秒')).to.equal(wall(2024, 1, 5, 9, 5, 30));
    expect(parse('2024/3/7 下午 2:30')).to.equal(wall(2024, 3, 7, 14, 30));
    expect(parse('2024年2月30日')).to.be.NaN;
    expect(parse('2024年1月')).to.be.NaN;
  });

  it('the byte parser gives the string parser results on the new shapes', () => {
    for (const s of ['12/1/2010 8:26', '2024年1月5日 下午3:05', '2024/3/7 9:05', '1/5/2024 3:05 PM', '31.01.2024']) {
      for (const clock of [md, dm]) {
        const b = new TextEncoder().encode(s);
        expect(Object.is(parseDateBytes(b, 0, b.length, clock), parse(s, clock)), s).to.equal(true);
      }
    }
  });

  it('Excel serial days (1900 system, with its 1900-02-29)', () => {
    expect(excelSerialMs(45292)).to.equal(wall(2024, 1, 1));
    expect(excelSerialMs(45292.75)).to.equal(wall(2024, 1, 1, 18));
    expect(excelSerialMs(25569)).to.equal(0);
    expect(excelSerialMs(1)).to.equal(wall(1900, 1, 1));
    expect(excelSerialMs(0)).to.be.NaN;
    const excel = Object.assign(new ZoneClock('UTC'), { excelSerial: true });
    expect(parse('45292', excel)).to.equal(wall(2024, 1, 1));
    expect(parse('45292.5', excel)).to.equal(wall(2024, 1, 1, 12));
  });

  it('chooseDateReading: given, then values, then lang, then month first; a mix is an error', () => {
    expect(chooseDateReading(['3/4/2024'], { dateFormat: 'DD/MM/YYYY' })).to.deep.equal({ format: 'DD/MM/YYYY', rule: 'given' });
    expect(chooseDateReading(['3/4/2024', '13/4/2024'], {})).to.deep.equal({ format: 'DD/MM/YYYY', rule: 'values' });
    expect(chooseDateReading(['3/4/2024', '4/13/2024'], { lang: 'en-GB' })).to.deep.equal({ format: 'MM/DD/YYYY', rule: 'values' });
    expect(chooseDateReading(['3.4.2024'], { lang: 'de' })).to.deep.equal({ format: 'DD.MM.YYYY', rule: 'lang' });
    expect(chooseDateReading(['3/4/2024'], { lang: 'en-US' })).to.deep.equal({ format: 'MM/DD/YYYY', rule: 'lang' });
    expect(chooseDateReading(['3/4/2024'], {})).to.deep.equal({ format: 'MM/DD/YYYY', rule: 'default' });
    expect(chooseDateReading(['2024-01-02', ''], {})).to.deep.equal({ format: 'YYYY-MM-DD', rule: 'values' });
    expect(chooseDateReading([45292, 45293.5], {})).to.deep.equal({ format: 'excel', rule: 'values' });
    expect(() => chooseDateReading(['13/1/2024', '1/13/2024'], {})).to.throw(LoadError).with.property('code', 'mixed-date-formats');
    expect(langIsDayFirst('fr-FR')).to.equal(true);
    expect(langIsDayFirst('zh-CN')).to.equal(false);
  });

  it('loadOrders: dateFormat and lang decide ambiguous dates, and the report says which rule did', async () => {
    const csv = 'customer,date,amount\na,3/4/2024,1\nb,5/6/2024,2\n';
    const dflt = await loadOrders(csv);
    expect(dflt.report.dates).to.deep.equal({ format: 'MM/DD/YYYY', rule: 'default' });
    expect(Array.from(dflt.orders.day)).to.deep.equal([wall(2024, 3, 4) / DAY, wall(2024, 5, 6) / DAY]);
    const gb = await loadOrders(csv, { lang: 'en-GB' });
    expect(gb.report.dates).to.deep.equal({ format: 'DD/MM/YYYY', rule: 'lang' });
    expect(Array.from(gb.orders.day)).to.deep.equal([wall(2024, 4, 3) / DAY, wall(2024, 6, 5) / DAY]);
    const given = await loadOrders(csv, { dateFormat: 'DD/MM/YYYY', lang: 'en-US' });
    expect(given.report.dates!.rule).to.equal('given');
    expect(Array.from(given.orders.day)).to.deep.equal([wall(2024, 4, 3) / DAY, wall(2024, 6, 5) / DAY]);
    const excel = await loadOrders([{ customer: 'a', date: 45292, amount: 1 }], { dateFormat: 'excel' });
    expect(Array.from(excel.orders.day)).to.deep.equal([wall(2024, 1, 1) / DAY]);
    const mixed = await loadError(loadOrders('customer,date,amount\na,13/1/2024,1\nb,1/13/2024,1\n'));
    expect(mixed.code).to.equal('mixed-date-formats');
    expect((await loadError(loadOrders(csv, { dateFormat: 'D/M/Y' as never }))).code).to.equal('bad-option');
  });
});

describe('reading rules: column names and values', () => {
  it('Chinese names of every role, compared as themselves (units in brackets dropped, traditional = simplified)', () => {
    expect(normaliseName('实付金额（元）')).to.equal('实付金额');
    expect(normaliseName('客戶編號')).to.equal('客户编号');
    expect(detectMapping(['会员ID', '订单编号', '支付时间', '销售额', '货号', '类目', '平台', '城市'])).to.deep.equal({
      customer: '会员ID', order: '订单编号', date: '支付时间', amount: '销售额', product: '货号', category: '类目', channel: '平台', region: '城市',
    });
    expect(detectMapping(['用户名', '创建日期', '数量', '单价'])).to.deep.equal({ customer: '用户名', date: '创建日期', amount: '数量*单价' });
    expect(detectMapping(['uid', 'ts', 'amt'])).to.deep.equal({ customer: 'uid', date: 'ts', amount: 'amt' });
    // "Name" is an order only in Shopify's export.
    expect(detectMapping(['name', 'date', 'amount']).order).to.equal(undefined);
  });

  it('values decide roles the names leave open: dates, money, a repeating id', () => {
    const cols: Record<string, string[]> = {
      a: ['x', 'y', 'x', 'z'], b: ['31/01/2024', '01/02/2024', '15/02/2024', '16/02/2024'], c: ['€9.90', '€5', '€12.50', '€1'], d: ['1', '2', '1', '1'],
    };
    const names = Object.keys(cols);
    expect(detectByValues(names, {}, (i) => cols[names[i]])).to.deep.equal({ date: 'b', amount: 'c', customer: 'a' });
    expect(detectByValues(names, { customer: 'd' }, (i) => cols[names[i]])).to.deep.equal({ date: 'b', amount: 'c' });
  });

  it('the missing-column errors name the fix', async () => {
    const e = await loadError(loadOrders('customer,y\na,1.5\na,2.5\n'));
    expect(e.code).to.equal('no-date-column');
    expect(e.message).to.match(/date-field \(option mapping\.date\)/);
    const c = await loadError(loadOrders('x,y\n1.5,2.5\n1.5,2.5\n'));
    expect(c.code).to.equal('no-customer-column');
    expect(c.message).to.match(/customer-field \(option mapping\.customer\)/);
  });
});

describe('reading rules: JSON', () => {
  it('integers beyond 2^53 keep their digits; safe numbers, decimals and strings are untouched', () => {
    const v = parseJsonExact('[{"id": 12345678901234567891, "n": -98765432109876543210, "ok": 9007199254740991, "x": 1.2345678901234567, "s": "12345678901234567891 \\" 1"}]') as Record<string, unknown>[];
    expect(v[0]).to.deep.equal({ id: '12345678901234567891', n: '-98765432109876543210', ok: 9007199254740991, x: 1.2345678901234567, s: '12345678901234567891 " 1' });
    expect(() => parseJsonExact('[{"a":')).to.throw(LoadError).with.property('code', 'bad-json');
  });

  it('NDJSON lines, envelopes, rows-path', () => {
    expect(parseNdjson('{"a":1}\n\n{"a":2}\n')).to.deep.equal([{ a: 1 }, { a: 2 }]);
    expect(() => parseNdjson('{"a":1}\n[1]\n')).to.throw(LoadError).with.property('message').that.matches(/Line 2/);
    expect(jsonRows({ data: [{ a: 1 }], total: 1 })).to.deep.equal([{ a: 1 }]);
    expect(jsonRows({ result: { items: [{ a: 1 }] } }, 'result.items')).to.deep.equal([{ a: 1 }]);
    expect(() => jsonRows({ result: { items: [{ a: 1 }] } })).to.throw(LoadError).with.property('message').that.matches(/rows-path.*"result\.items"/);
    expect(() => jsonRows({ a: [{ x: 1 }], b: [{ y: 1 }] })).to.throw(LoadError).with.property('message').that.matches(/several arrays/);
    expect(() => jsonRows({ data: [] }, 'nope')).to.throw(LoadError).with.property('message').that.matches(/rows-path "nope"/);
  });

  it('next pages: links, nested links, cursors, the last page', () => {
    const base = 'https://api.test/v1/orders?limit=2';
    expect(nextPageUrl({ data: [], next: '/v1/orders?page=2' }, base)).to.equal('https://api.test/v1/orders?page=2');
    expect(nextPageUrl({ data: [], links: { next: 'https://api.test/p3' } }, base)).to.equal('https://api.test/p3');
    expect(nextPageUrl({ data: [], meta: { next_cursor: 'abc' } }, base)).to.equal('https://api.test/v1/orders?limit=2&cursor=abc');
    expect(nextPageUrl({ data: [], next: null }, base)).to.equal(undefined);
    expect(nextPageUrl({ data: [], next: 'x', has_more: false }, base)).to.equal(undefined);
    expect(nextPageUrl([{ a: 1 }], base)).to.equal(undefined);
  });

  it('loadOrders: rowsPath and the big-id rows stay two customers', async () => {
    const { report } = await loadOrders('{"result": {"rows": [{"customer": "a", "date": "2024-01-01", "amount": 2}]}}', { rowsPath: 'result.rows' });
    expect(report.rowsAccepted).to.equal(1);
    const big = await loadOrders('[{"customer": 12345678901234567891, "date": "2024-01-01", "amount": 1}, {"customer": 12345678901234567892, "date": "2024-01-01", "amount": 1}]');
    expect(big.report.customers).to.equal(2);
    expect(big.report.rowsRejected).to.equal(0);
  });
});
