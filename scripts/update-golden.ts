// Regenerates fixtures/golden/: the text and JSON forms of a review on the tiny kernel-shaped
// tree (no kernel tree needed), then the exact replies kreview sends for the v5 and v6 VFIO
// reviews (big tree). Run `npm run golden:update` (`-- --small` for the tiny tree's alone), read
// the diff, commit it.
import { writeFile } from 'node:fs/promises';
import { goldenPath, goldenReplies, REVISIONS, repoRoot } from '../test/report/golden-run.ts';
import { SMALL_GOLDEN, smallTreeReviews } from '../test/report/small-tree-golden.ts';
import { kernelSetup } from '../tools/oracle/kernel-setup.ts';

const small = await smallTreeReviews();
for (const form of ['text', 'json'] as const) {
  await writeFile(SMALL_GOLDEN[form], small[form]);
  process.stdout.write(`${SMALL_GOLDEN[form]}: ${small[form].length} bytes\n`);
}
if (!process.argv.includes('--small')) {
  const { tree } = await kernelSetup(repoRoot);
  for (const revision of REVISIONS) {
    const text = await goldenReplies(tree, revision);
    await writeFile(goldenPath(revision), text);
    process.stdout.write(`${goldenPath(revision)}: ${text.length} bytes\n`);
  }
}
