/**
 * RFM segment rules: named regions of the R × F score grid (M used only to split off "Lost").
 *
 * The table is the widely used 5 × 5 R-F grid mapping (as in the "RFM segmentation" guides of Putler
 * and of many BI vendors), with "Lost" carved out of the hibernating corner by a low M score.
 * Rules are matched in order; the first rule whose ranges contain the customer's scores wins, and
 * customers no rule matches fall into {@link OTHERS_SEGMENT}. With the default rules every one of the
 * 125 (R, F, M) combinations is covered, so "Others" stays empty.
 *
 * zh-CN labels are the words operators use for RFM groups (重要价值客户 for Champions, 重要挽留客户 for
 * "Can't lose", 一般挽留客户 for the low-R/F/M "Lost", as in the usual 8-class RFM write-ups), and are
 * deliberately distinct from the lifecycle stages (core/lifecycle.ts: 新客户, 活跃客户, 回流客户,
 * 沉睡客户, 流失客户), which count other things and appear on the same dashboard: RFM "Hibernating" is
 * 休眠客户, not 沉睡客户; "Lost" is not 流失客户; "New" (recent first purchase) is 近期首购客户, not 新客户.
 */

/** Localised label of a segment or stage. */
export interface Label {
  en: string;
  'zh-CN': string;
}

/** Inclusive score range [min, max] on the 1…5 scale. */
export type ScoreRange = readonly [number, number];

export interface SegmentRule {
  key: string;
  label: Label;
  r: ScoreRange;
  f: ScoreRange;
  /** Optional monetary range; omitted = any M. */
  m?: ScoreRange;
}

/**
 * Default rules, on 1…5 scores (R 5 = most recent). Scores of another `bins` are mapped onto 1…5
 * as ceil(score · 5 / bins) before matching (see `rfm`).
 */
export const DEFAULT_SEGMENT_RULES: readonly SegmentRule[] = [
  { key: 'champions', label: { en: 'Champions', 'zh-CN': '重要价值客户' }, r: [5, 5], f: [4, 5] },
  { key: 'loyal', label: { en: 'Loyal', 'zh-CN': '忠诚客户' }, r: [3, 4], f: [4, 5] },
  { key: 'potential-loyalist', label: { en: 'Potential loyalist', 'zh-CN': '潜力客户' }, r: [4, 5], f: [2, 3] },
  { key: 'new', label: { en: 'New', 'zh-CN': '近期首购客户' }, r: [5, 5], f: [1, 1] },
  { key: 'promising', label: { en: 'Promising', 'zh-CN': '有潜力的新客' }, r: [4, 4], f: [1, 1] },
  { key: 'needs-attention', label: { en: 'Needs attention', 'zh-CN': '需要关注' }, r: [3, 3], f: [3, 3] },
  { key: 'about-to-sleep', label: { en: 'About to sleep', 'zh-CN': '即将沉睡' }, r: [3, 3], f: [1, 2] },
  { key: 'cant-lose', label: { en: "Can't lose", 'zh-CN': '重要挽留客户' }, r: [1, 2], f: [5, 5] },
  { key: 'at-risk', label: { en: 'At risk', 'zh-CN': '有流失风险' }, r: [1, 2], f: [3, 4] },
  { key: 'lost', label: { en: 'Lost', 'zh-CN': '一般挽留客户' }, r: [1, 1], f: [1, 2], m: [1, 2] },
  { key: 'hibernating', label: { en: 'Hibernating', 'zh-CN': '休眠客户' }, r: [1, 2], f: [1, 2] },
];

/** Catch-all segment for customers no rule matches (always the last segment of a result). */
export const OTHERS_SEGMENT: { key: string; label: Label } = { key: 'others', label: { en: 'Others', 'zh-CN': '其他' } };

/**
 * Index of the first rule matching 1…5 scores, or `rules.length` for "Others".
 * @example matchSegment(DEFAULT_SEGMENT_RULES, 5, 5, 3) // 0 (champions)
 */
export function matchSegment(rules: readonly SegmentRule[], r: number, f: number, m: number): number {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (r < rule.r[0] || r > rule.r[1] || f < rule.f[0] || f > rule.f[1]) continue;
    if (rule.m && (m < rule.m[0] || m > rule.m[1])) continue;
    return i;
  }
  return rules.length;
}
