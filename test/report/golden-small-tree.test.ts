// The text and JSON forms of a review on the tiny kernel-shaped tree, byte for byte as the golden
// files hold them (fast tier: no kernel tree). After a deliberate change of output, run
// `npm run golden:update -- --small`, read the diff and commit it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SMALL_GOLDEN, smallTreeReviews } from './small-tree-golden.ts';

describe('the review of the tiny tree', () => {
  it('prints the text and JSON the golden files hold', async () => {
    const reviews = await smallTreeReviews();
    expect(reviews.text).toBe(readFileSync(SMALL_GOLDEN.text, 'utf8'));
    expect(reviews.json).toBe(readFileSync(SMALL_GOLDEN.json, 'utf8'));
  });
});
