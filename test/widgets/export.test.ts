import { expect } from '@open-wc/testing';
import { toCsv } from '../../src/widgets/shared/export.js';

describe('toCsv', () => {
  it('quotes per RFC 4180 and leaves numbers and empty cells plain', () => {
    const csv = toCsv({ columns: ['id', 'name', 'n'], rows: [['a,b', 'say "hi"', 3.5], ['line\nbreak', null, NaN], ['x', undefined, -2]] });
    expect(csv).to.equal('id,name,n\r\n"a,b","say ""hi""",3.5\r\n"line\nbreak",,\r\nx,,-2\r\n');
  });

  it('defuses spreadsheet formulas in text cells but keeps signed numbers', () => {
    const csv = toCsv({ columns: ['v'], rows: [['=HYPERLINK("x")'], ['+1+2'], ['-3'], ['@SUM(A1)'], ['-1.5e3']] });
    expect(csv.split('\r\n').slice(1, 6)).to.deep.equal(['"\'=HYPERLINK(""x"")"', "'+1+2", '-3', "'@SUM(A1)", '-1.5e3']);
  });
});
