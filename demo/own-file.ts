// "Bring your own file": pick or drop a file, see its first rows, fix which column plays which role,
// see what that mapping accepts and rejects (loadOrders' own report, so the numbers are the ones the
// widgets will use), then apply it to <rw-orders> as a blob: URL plus mapping attributes.
// The file never leaves the page: it is read from memory, nothing is sent anywhere.
import { detectMapping, type ColumnMapping, type LoadReport } from '../src/data/index.js';
import { workerClient } from '../src/worker/client.js';
import { peekFile, type FilePeek } from './file-columns.js';
import { keepBlobUrl, useSource } from './source.js';

const ROLES = ['customer', 'order', 'date', 'amount', 'product', 'category'] as const;
type FormRole = (typeof ROLES)[number];
/** The select value of "none": the role is not used (the loader is told so, it does not detect it). */
const NONE = '__none__';
const input = document.querySelector<HTMLInputElement>('#file-input')!;
const drop = document.querySelector<HTMLElement>('#drop-zone')!;
const statusLine = document.querySelector<HTMLElement>('#file-status')!;
const step = document.querySelector<HTMLElement>('#mapping-step')!;
const form = document.querySelector<HTMLFormElement>('#mapping-form')!;
const preview = document.querySelector<HTMLElement>('#preview')!;
const reportBox = document.querySelector<HTMLElement>('#file-report')!;

let file: File | undefined;
let peek: FilePeek | undefined;
let blobUrl: string | undefined;
let checking: AbortController | undefined;
/** What detection picked per role when the file was opened: a choice equal to it is "by name". */
let detected: ColumnMapping = {};
/** The report of the last check (its per-role rules, when the loader gives them, explain each choice). */
let lastReport: LoadReport | undefined;

const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement;
const productAmount = () => (form.elements.namedItem('product-amount') as HTMLInputElement).checked;

function cell(tagName: 'td' | 'th', text: string): HTMLElement {
  const el = document.createElement(tagName);
  el.textContent = text;
  return el;
}

function fillSelects(columns: string[]): void {
  for (const name of [...ROLES, 'quantity', 'price']) {
    const s = select(name);
    const required = name === 'customer' || name === 'date';
    s.replaceChildren(...(required ? [] : [new Option('— none —', NONE)]), ...columns.map((c) => new Option(c, c)));
    // One "why" note per role, after its select: by name, chosen by you, or none.
    if (!s.parentElement!.querySelector('.why')) {
      const why = document.createElement('small');
      why.className = 'why';
      why.dataset.role = name;
      s.after(' ', why);
    }
  }
}

/**
 * The loader's own reason for a role's column, when the load report carries per-role records
 * (`{ role, column, rule }`, added to the report by the data layer); undefined until it does.
 * Looked up by shape, not by field name, so this hook needs no change when that lands.
 */
function reportRule(role: string, column: string): string | undefined {
  if (!lastReport) return undefined;
  for (const value of Object.values(lastReport as unknown as Record<string, unknown>)) {
    if (!Array.isArray(value)) continue;
    const hit = value.find((r) => r && typeof r === 'object' && 'rule' in r && (r as { role?: unknown }).role === role && (r as { column?: unknown }).column === column);
    if (hit) return String((hit as { rule: unknown }).rule);
  }
  return undefined;
}

/** Why each role has its column: the loader's rule when known, else what the demo knows. */
function showWhy(): void {
  const mapping = chosenMapping();
  for (const el of form.querySelectorAll<HTMLElement>('.why')) {
    const role = el.dataset.role!;
    let column: string | null | undefined;
    let guess: string | null | undefined;
    if (role === 'quantity' || role === 'price') {
      const factors = typeof mapping.amount === 'string' ? mapping.amount.split('*') : [];
      const guessed = typeof detected.amount === 'string' ? detected.amount.split('*') : [];
      const k = role === 'quantity' ? 0 : 1;
      column = factors.length === 2 ? factors[k] : null;
      guess = guessed.length === 2 ? guessed[k] : undefined;
    } else {
      column = mapping[role as FormRole];
      guess = detected[role as FormRole];
    }
    let text: string;
    if (!column) text = 'none: not used';
    else {
      const rule = reportRule(role, column);
      text = rule ? `(${rule})` : column === guess ? '(by name)' : '(chosen by you)';
    }
    el.textContent = text;
    el.dataset.why = !column ? 'none' : column === guess ? 'by-name' : 'chosen';
  }
}

function showMapping(mapping: ColumnMapping, columns: string[]): void {
  for (const role of ROLES) if (role !== 'amount') select(role).value = mapping[role] ?? (role === 'customer' || role === 'date' ? columns[0] : NONE);
  const amount = mapping.amount ?? NONE;
  const factors = columns.includes(amount) ? [amount] : amount.split('*');
  (form.elements.namedItem('product-amount') as HTMLInputElement).checked = factors.length === 2;
  if (factors.length === 2) {
    select('quantity').value = factors[0];
    select('price').value = factors[1];
  } else select('amount').value = amount;
  toggleAmount();
}

function toggleAmount(): void {
  const both = productAmount();
  for (const el of form.querySelectorAll<HTMLElement>('.amount-product')) el.hidden = !both;
  form.querySelector<HTMLElement>('.amount-single')!.hidden = both;
}

/** The mapping the form describes; a role on "none" is `null` (not used, and not detected either). */
function chosenMapping(): ColumnMapping {
  const mapping: ColumnMapping = {};
  const chosen = (name: string) => (select(name).value === NONE ? '' : select(name).value);
  for (const role of ROLES) {
    if (role === 'amount') continue;
    const v = chosen(role);
    if (v) mapping[role] = v;
    else if (role !== 'customer' && role !== 'date') mapping[role] = null;
  }
  if (productAmount()) mapping.amount = chosen('quantity') && chosen('price') ? `${chosen('quantity')}*${chosen('price')}` : null;
  else mapping.amount = chosen('amount') || null;
  return mapping;
}

function rules(): Record<string, string> {
  return { returns: select('returns').value, 'zero-amounts': select('zero-amounts').value, duplicates: select('duplicates').value };
}

function renderPreview(p: FilePeek): void {
  const table = document.createElement('table');
  table.className = 'preview';
  table.createTHead().insertRow().append(...p.columns.map((c) => cell('th', c)));
  const body = table.createTBody();
  for (const row of p.rows) {
    const tr = body.insertRow();
    tr.append(...p.columns.map((_, i) => cell('td', row[i] ?? '')));
  }
  preview.replaceChildren(table);
}

function renderReport(report: LoadReport): void {
  const summary = document.createElement('p');
  summary.className = 'report-summary';
  summary.dataset.rowsRead = String(report.rowsRead);
  summary.dataset.rowsAccepted = String(report.rowsAccepted);
  summary.dataset.rowsRejected = String(report.rowsRejected);
  summary.textContent = `${report.rowsRead.toLocaleString('en')} rows read (${report.format}): ${report.rowsAccepted.toLocaleString('en')} accepted, `
    + `${report.rowsRejected.toLocaleString('en')} rejected → ${report.orders.toLocaleString('en')} orders of ${report.customers.toLocaleString('en')} customers.`;
  const parts: HTMLElement[] = [summary];
  if (report.reasons.length) {
    const table = document.createElement('table');
    table.className = 'rejections';
    const head = table.createTHead().insertRow();
    head.append(cell('th', 'Reason'), cell('th', 'Rows'), cell('th', 'What to do'), cell('th', 'Examples (row: values)'));
    const body = table.createTBody();
    for (const r of report.reasons) {
      const tr = body.insertRow();
      tr.dataset.reason = r.reason;
      const count = cell('td', r.count.toLocaleString('en'));
      count.dataset.count = String(r.count);
      const examples = cell('td', '');
      const list = document.createElement('ul');
      for (const e of r.examples) list.append(Object.assign(document.createElement('li'), { textContent: `row ${e.row}: ${JSON.stringify(e.values)}` }));
      examples.append(list);
      tr.append(cell('th', r.reason), count, cell('td', r.message), examples);
    }
    parts.push(table);
  }
  reportBox.replaceChildren(...parts);
}

/**
 * Loads the whole file with the chosen mapping to show loadOrders' report (aborting an older check),
 * in the widgets' shared compute worker, so a large file does not freeze the page while it is read.
 */
async function check(): Promise<void> {
  if (!file) return;
  checking?.abort();
  const controller = new AbortController();
  checking = controller;
  const applyButton = form.querySelector<HTMLButtonElement>('#apply-mapping')!;
  applyButton.disabled = true;
  reportBox.dataset.state = 'checking';
  reportBox.textContent = 'Reading the file with this mapping…';
  try {
    const r = rules();
    const { report } = await workerClient().load(file, {
      mapping: chosenMapping(), signal: controller.signal,
      returns: r.returns as 'exclude' | 'net', zeroAmounts: r['zero-amounts'] as 'exclude' | 'keep', duplicates: r.duplicates as 'reject' | 'keep',
    });
    if (controller.signal.aborted) return;
    lastReport = report;
    showWhy();
    renderReport(report);
    reportBox.dataset.state = 'ready';
    applyButton.disabled = report.rowsAccepted === 0;
  } catch (e) {
    if (controller.signal.aborted) return;
    reportBox.dataset.state = 'error';
    reportBox.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: (e as Error).message }));
  }
}

async function open(picked: File): Promise<void> {
  file = picked;
  if (blobUrl) {
    keepBlobUrl(blobUrl, false);
    blobUrl = undefined; // made again on Apply; the old one is revoked when the source moves on
  }
  statusLine.textContent = `Reading ${picked.name} (${picked.size.toLocaleString('en')} bytes) in this page…`;
  try {
    peek = await peekFile(picked);
  } catch (e) {
    step.hidden = true;
    statusLine.textContent = `${picked.name} could not be read: ${(e as Error).message}`;
    return;
  }
  statusLine.textContent = `${picked.name}: ${peek.format}, ${peek.columns.length} columns. Check the mapping below, then apply.`;
  fillSelects(peek.columns);
  detected = detectMapping(peek.columns);
  lastReport = undefined;
  showMapping(detected, peek.columns);
  showWhy();
  renderPreview(peek);
  step.hidden = false;
  await check();
}

function extensionOf(name: string): string {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1].toLowerCase() ?? 'csv';
}

function apply(): void {
  if (!file || !peek) return;
  if (!blobUrl) {
    blobUrl = URL.createObjectURL(file);
    keepBlobUrl(blobUrl, true);
  }
  const mapping = chosenMapping();
  const attributes: Record<string, string> = { src: blobUrl, ...rules() };
  // A role on "none" is an empty attribute: <rw-orders> then neither uses nor detects it.
  for (const role of ROLES) {
    const column = mapping[role];
    if (column) attributes[`${role}-field`] = column;
    else if (column === null) attributes[`${role}-field`] = '';
  }
  useSource({ dataset: 'file', attributes, embedSrc: `/path/to/your-orders.${extensionOf(file.name)}` });
  document.querySelector('.dashboard')?.scrollIntoView({ behavior: 'smooth' });
}

input.addEventListener('change', () => {
  if (input.files?.[0]) void open(input.files[0]);
});
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const picked = e.dataTransfer?.files[0];
  if (picked) void open(picked);
});
form.addEventListener('change', (e) => {
  if ((e.target as HTMLElement).getAttribute('name') === 'product-amount') toggleAmount();
  showWhy();
  void check();
});
form.addEventListener('submit', (e) => {
  e.preventDefault();
  apply();
});
// Choosing "Your file" in the dataset select again shows the applied file.
document.addEventListener('demo-dataset-request', (e) => {
  if ((e as CustomEvent<string>).detail !== 'file') return;
  if (file && blobUrl) apply();
  else document.querySelector('#own-file')?.scrollIntoView({ behavior: 'smooth' });
});

export {};
