/**
 * axe-core in the browser tests: `expectAccessible(el)` audits an element (its shadow DOM included)
 * and fails on every violation of impact serious or critical, naming the rule, the impact, the
 * target and axe's summary of each node. (chai-a11y-axe's `to.be.accessible()` fails on any impact,
 * minor included, and runs without the experimental rules; the audit of issue 19 uses both.)
 */
// The UMD build registers `window.axe` when loaded as a module (the ESM entry is CommonJS).
import 'axe-core/axe.min.js';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';

type Axe = { run(context: Element | Document, options: RunOptions): Promise<AxeResults>; getRules(tags?: string[]): { ruleId: string }[] };

function axe(): Axe {
  const a = (window as unknown as { axe?: Axe }).axe;
  if (!a) throw new Error('axe-core did not register window.axe');
  return a;
}

const FAILING: ImpactValue[] = ['serious', 'critical'];

/** One violating node: the rule, its impact, where (axe's selector path through shadow roots) and why. */
export interface AxeFinding {
  rule: string;
  impact: ImpactValue | undefined;
  target: string;
  summary: string;
}

/**
 * The serious and critical violations axe finds in `context`, experimental rules included
 * (`label-content-name-mismatch` is one).
 * @example const findings = await seriousViolations(el);
 */
export async function seriousViolations(context: Element | Document): Promise<AxeFinding[]> {
  const experimental = Object.fromEntries(axe().getRules(['experimental']).map((r) => [r.ruleId, { enabled: true }]));
  const results = await axe().run(context, { resultTypes: ['violations'], rules: experimental });
  return results.violations.flatMap((v) =>
    v.nodes
      .filter((n) => FAILING.includes(n.impact ?? v.impact ?? 'minor'))
      .map((n) => ({ rule: v.id, impact: n.impact ?? v.impact ?? undefined, target: JSON.stringify(n.target), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240) })),
  );
}

/**
 * Throws when axe finds a serious or critical violation in `context`, listing each (rule, impact, target, why).
 * @example await expectAccessible(el, 'rw-kpis ready dark zh-CN');
 */
export async function expectAccessible(context: Element | Document, label: string): Promise<void> {
  const findings = await seriousViolations(context);
  if (findings.length === 0) return;
  const lines = findings.slice(0, 20).map((f) => `  ${f.rule} (${f.impact}) ${f.target}: ${f.summary}`);
  if (findings.length > 20) lines.push(`  … and ${findings.length - 20} more`);
  throw new Error(`${label}: ${findings.length} serious/critical axe violation(s)\n${lines.join('\n')}`);
}
