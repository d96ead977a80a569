/**
 * One interface over the three purchase models (BG/NBD: Fader, Hardie & Lee 2005; MBG/NBD: Batislam,
 * Denizel & Filiztekin 2007; Pareto/NBD: Schmittlein, Morrison & Colombo 1987), so model comparison,
 * the at-risk list and the P(alive) curve can take the model as a name.
 */
import { bgNbdConditionalExpectedPurchases, bgNbdExpectedPurchases, bgNbdPAlive, fitBgNbd, type BgNbdFit } from './bg-nbd.js';
import { fitMbgNbd, mbgNbdConditionalExpectedPurchases, mbgNbdExpectedPurchases, mbgNbdPAlive, type MbgNbdFit } from './mbg-nbd.js';
import { fitParetoNbd, paretoNbdConditionalExpectedPurchases, paretoNbdExpectedPurchases, paretoNbdPAlive, type ParetoNbdFit } from './pareto-nbd.js';
import type { AnyModelParams, PurchaseModelName, RecencyFrequencyInput } from './model-diagnostics.js';

/** The model names, in the order they are compared and shown. */
export const PURCHASE_MODELS: readonly PurchaseModelName[] = ['bg-nbd', 'mbg-nbd', 'pareto-nbd'];

/** A fit of one of the three models, tagged with its name. */
export type PurchaseModelFit =
  | ({ model: 'bg-nbd' } & BgNbdFit)
  | ({ model: 'mbg-nbd' } & MbgNbdFit)
  | ({ model: 'pareto-nbd' } & ParetoNbdFit);

/**
 * Fits the named model; errors are {@link ModelFitError}s as the fitters throw them.
 * @example fitPurchaseModel('pareto-nbd', summary).logLikelihood
 */
export function fitPurchaseModel(model: PurchaseModelName, input: RecencyFrequencyInput): PurchaseModelFit {
  if (model === 'bg-nbd') return { model, ...fitBgNbd(input) };
  if (model === 'mbg-nbd') return { model, ...fitMbgNbd(input) };
  if (model === 'pareto-nbd') return { model, ...fitParetoNbd(input) };
  throw new RangeError(`unknown purchase model '${String(model)}'`);
}

/**
 * P(alive at T | x, t_x, T) under the named model.
 * @example purchaseModelPAlive({ model: 'bg-nbd', r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, 2, 30.43, 38.86)
 */
export function purchaseModelPAlive(params: AnyModelParams, x: number, tx: number, T: number): number {
  if (params.model === 'bg-nbd') return bgNbdPAlive(params, x, tx, T);
  if (params.model === 'mbg-nbd') return mbgNbdPAlive(params, x, tx, T);
  return paretoNbdPAlive(params, x, tx, T);
}

/**
 * E[Y(t) | x, t_x, T], the expected repeat purchases in (T, T+t], under the named model.
 * @example purchaseModelConditionalExpectedPurchases(fit, 39, 2, 30.43, 38.86)
 */
export function purchaseModelConditionalExpectedPurchases(params: AnyModelParams, t: number, x: number, tx: number, T: number): number {
  if (params.model === 'bg-nbd') return bgNbdConditionalExpectedPurchases(params, t, x, tx, T);
  if (params.model === 'mbg-nbd') return mbgNbdConditionalExpectedPurchases(params, t, x, tx, T);
  return paretoNbdConditionalExpectedPurchases(params, t, x, tx, T);
}

/**
 * E[X(t)] for a new customer under the named model.
 * @example purchaseModelExpectedPurchases(fit, 39)
 */
export function purchaseModelExpectedPurchases(params: AnyModelParams, t: number): number {
  if (params.model === 'bg-nbd') return bgNbdExpectedPurchases(params, t);
  if (params.model === 'mbg-nbd') return mbgNbdExpectedPurchases(params, t);
  return paretoNbdExpectedPurchases(params, t);
}

/**
 * Expected purchases in (T, T+t] of a customer *known to be alive* at T. Given "alive at T" the
 * posterior no longer depends on t_x (λ | alive ~ Gamma(r+x, α+T) in all three models), so it is
 * E[Y(t) | x, t_x = T, T] / P(alive | x, t_x = T, T), both well away from 0.
 * @example purchaseModelExpectedPurchasesIfAlive(fit, 13, 3, 20)
 */
export function purchaseModelExpectedPurchasesIfAlive(params: AnyModelParams, t: number, x: number, T: number): number {
  return purchaseModelConditionalExpectedPurchases(params, t, x, T, T) / purchaseModelPAlive(params, x, T, T);
}

/** Number of free parameters of each model (for AIC / BIC). */
export const PURCHASE_MODEL_PARAMETERS: Readonly<Record<PurchaseModelName, number>> = { 'bg-nbd': 4, 'mbg-nbd': 4, 'pareto-nbd': 4 };
