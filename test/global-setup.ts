import { synthesizeBundles } from '../local/runtime/bundles.ts';

/** Synthesizes the bundled app once, before the test files that run the deployed bundles start. */
export default function setup(): void {
  synthesizeBundles();
}
