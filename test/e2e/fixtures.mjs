// Files a visitor might bring, written by the tests (seeded, so every run uses the same bytes).

function makeRandom(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (day) => new Date(day * 86400000).toISOString().slice(0, 10);

/**
 * Invoice lines whose column names no detector knows (German): Kundennummer (customer), Belegnummer
 * (order), Buchungstag (date), Menge × Einzelpreis (amount), Artikel (product), plus a Filiale column.
 */
export function unusualColumnsCsv() {
  const random = makeRandom(7);
  const lines = ['Belegnummer,Buchungstag,Kundennummer,Artikel,Menge,Einzelpreis,Filiale'];
  const start = 19358; // 2023-01-01
  let invoice = 5000;
  for (let c = 1; c <= 600; c++) {
    let day = start + Math.floor(random() * 540);
    const visits = 1 + Math.floor(-Math.log(1 - random()) * 2.5);
    for (let v = 0; v < visits && day < start + 730; v++) {
      invoice++;
      const items = 1 + Math.floor(random() * 3);
      for (let i = 0; i < items; i++) {
        const qty = 1 + Math.floor(random() * 4);
        const price = (2 + Math.floor(random() * 80)) / 4;
        lines.push(`B${invoice},${iso(day)},K-${String(c).padStart(4, '0')},A${100 + Math.floor(random() * 50)},${qty},${price},F${1 + (c % 3)}`);
      }
      day += 5 + Math.floor(-Math.log(1 - random()) * 60);
    }
  }
  return lines.join('\n') + '\n';
}

/** A small order file with rows of every common problem (missing customer, bad date, bad amount, …). */
export function badRowsCsv() {
  const lines = ['customer_id,order_id,date,amount'];
  const random = makeRandom(3);
  for (let i = 1; i <= 200; i++) {
    const c = 1 + Math.floor(random() * 40);
    lines.push(`c${c},o${i},${iso(19000 + Math.floor(random() * 300))},${(5 + Math.floor(random() * 400) / 4).toFixed(2)}`);
  }
  lines.push(
    ',o901,2022-03-01,10.00', // missing customer
    ',o902,2022-03-02,11.00',
    'c1,o903,not a date,12.00', // unparseable date
    'c2,o904,2022-13-45,12.00',
    'c3,o905,2022-03-05,twelve', // non-numeric amount
    'c4,o906,2022-03-06,-8.00', // negative (a return)
    'c5,o907,2022-03-07,0', // zero
    'c6,o908,,5.00', // missing date
  );
  lines.push(lines[1]); // an exact duplicate of the first data row
  return lines.join('\n') + '\n';
}
