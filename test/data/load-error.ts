import { expect } from '@open-wc/testing';
import { LoadError } from '../../src/data/index.js';

/**
 * The LoadError `p` rejects with; fails the test when it resolves or rejects with anything else.
 * @example expect((await loadError(loadOrders(''))).code).to.equal('empty');
 */
export async function loadError(p: Promise<unknown>): Promise<LoadError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(LoadError);
    return e as LoadError;
  }
  throw new Error('expected a LoadError');
}
