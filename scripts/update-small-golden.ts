// Regenerates fixtures/golden/small/: the mail kreview sends, under a list's policy, for series
// on a tiny tree built in a temp dir (no kernel tree needed). Run `npm run golden:small`, read
// the diff, commit it.
import { mkdir, writeFile } from 'node:fs/promises';
import {
  SMALL_GOLDEN_DIR,
  smallGoldenPath,
  smallGoldens,
} from '../test/report/small-golden-run.ts';

await mkdir(SMALL_GOLDEN_DIR, { recursive: true });
for (const golden of await smallGoldens()) {
  await writeFile(smallGoldenPath(golden.name), golden.mbox);
  process.stdout.write(
    `${smallGoldenPath(golden.name)}: ${golden.mbox.length} bytes${golden.quiet === undefined ? '' : ` (no mail: ${golden.quiet})`}\n`,
  );
}
