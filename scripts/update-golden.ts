// Regenerates fixtures/golden/: the exact replies kreview sends for the v5 and v6 VFIO reviews
// (big tree). Run `npm run golden:update`, read the diff, commit it.
import { writeFile } from 'node:fs/promises';
import { goldenPath, goldenReplies, REVISIONS, repoRoot } from '../test/report/golden-run.ts';
import { kernelSetup } from '../tools/oracle/kernel-setup.ts';

const { tree } = await kernelSetup(repoRoot);
for (const revision of REVISIONS) {
  const text = await goldenReplies(tree, revision);
  await writeFile(goldenPath(revision), text);
  process.stdout.write(`${goldenPath(revision)}: ${text.length} bytes\n`);
}
