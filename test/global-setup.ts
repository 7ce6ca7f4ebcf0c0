import { synthesizeBundles, synthesizeTemplate } from '../local/runtime/bundles.ts';

/**
 * Synthesizes the app once, before any test file starts: with bundling for the files that run the deployed
 * bundles, without for those that run the sources (both kept under .local/ per source state).
 */
export default async function setup(): Promise<void> {
  await synthesizeBundles();
  await synthesizeTemplate();
}
