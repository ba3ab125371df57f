// Shared by the small golden script and its test: the mail kreview's watcher sends, under a
// list's policy, for series made on a tiny kernel-shaped tree built here. Everything is fixed
// (identities, dates, clock, Message-IDs), so every byte is reproducible without a kernel tree.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runReview } from '../../src/commands/review-run.ts';
import type { Finding } from '../../src/domain/finding.ts';
import type { Review } from '../../src/domain/review.ts';
import type { Series } from '../../src/domain/series.ts';
import { repliesMbox } from '../../src/report/mbox-out.ts';
import { DEFAULT_POLICY, type Quiet, type ReplyPolicy } from '../../src/watch/policy.ts';
import { policyMail } from '../../src/watch/policy-mail.ts';
import { reproduce } from '../../src/watch/review-record.ts';
import { makeRepo, runGit, seriesOf, type TestRepo, testGitEnv } from '../helpers/git-repo.ts';
import { tinyTreeFiles } from '../helpers/tiny-tree.ts';
import { repoRoot } from './golden-run.ts';

export const SMALL_GOLDEN_DIR = path.join(repoRoot, 'fixtures/golden/small');

export const LIST_ADDRESS = 'linux-kbuild@vger.kernel.org';
export const OPT_OUT_LINE = 'To get no more of these reviews, write to kbuild-bot@example.org.';

/** The policy the goldens are mailed under: the defaults, to the author with the list in Cc. */
export const GOLDEN_POLICY: ReplyPolicy = {
  ...DEFAULT_POLICY,
  replyTo: 'author+list',
  listAddress: LIST_ADDRESS,
  optOutLine: OPT_OUT_LINE,
};

const KCONFIG = [
  'menu "Drivers"',
  '',
  'config NET',
  '\tbool "Networking"',
  '',
  'config CRYPTO',
  '\tbool "Cryptography"',
  '',
  'config FAST_PATH',
  '\tbool "Fast path"',
  '\tdepends on NET',
  '\tdefault y',
  '',
  'endmenu',
  '',
].join('\n');

// The tiny tree of the review tests, with CRYPTO beside NET and a Makefile building fast.o.
const BASE_FILES = tinyTreeFiles(KCONFIG, undefined, {
  'drivers/Makefile': 'obj-$(CONFIG_FAST_PATH) += fast.o\n',
  'drivers/fast.c': '#ifdef CONFIG_FAST_PATH\nint fast;\n#endif\n',
  'drivers/plain.c': 'int plain;\n',
});

/** One commit of a series: its message and the files it writes. */
interface Change {
  readonly message: string;
  readonly files: Record<string, string>;
}

/** A golden: the series, how it is sent, and the policy it is mailed under. */
interface Scenario {
  readonly name: string;
  readonly changes: readonly Change[];
  /** A cover letter: subject and blurb. */
  readonly cover?: { subject: string; blurb: string };
  /** Commits made first on the branch and not sent: the series then needs them. */
  readonly unsent?: readonly Change[];
  readonly policy?: Partial<ReplyPolicy>;
}

const edit = (from: string, to: string) => ({ 'drivers/Kconfig': KCONFIG.replace(from, to) });

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'single-patch',
    changes: [
      {
        message:
          'drivers: rename FAST_PATH to QUICK_PATH\n\nThe option is about the quick path now.',
        files: edit('config FAST_PATH', 'config QUICK_PATH'),
      },
    ],
  },
  {
    name: 'one-patch-owns',
    cover: {
      subject: 'drivers: checksum the fast path',
      blurb: 'The fast path gets a CRC helper, and uses it.',
    },
    changes: [
      {
        message: 'drivers: add a CRC helper\n\nA helper the fast path can use.',
        files: edit(
          'config FAST_PATH',
          'config CRC_HELPER\n\tbool "CRC helper"\n\tdepends on CRYPTO\n\nconfig FAST_PATH',
        ),
      },
      {
        message: 'drivers: fast path uses the CRC helper\n\nChecksum what the fast path sends.',
        files: edit(
          'config FAST_PATH',
          'config CRC_HELPER\n\tbool "CRC helper"\n\tdepends on CRYPTO\n\nconfig FAST_PATH\n\tselect CRC_HELPER',
        ),
      },
      {
        message: 'drivers: count fast path packets\n\nA counter, for debugging.',
        files: {
          'drivers/fast.c': '#ifdef CONFIG_FAST_PATH\nint fast;\nint fast_count;\n#endif\n',
        },
      },
    ],
  },
  {
    name: 'no-cover',
    changes: [
      {
        message: 'drivers: fast path needs crypto\n\nIt signs what it sends.',
        files: edit('\tdepends on NET\n', '\tdepends on NET && CRYPTO\n'),
      },
      {
        message: 'drivers: add a slow path\n\nFor when the fast one is off.',
        // Whole files: the second patch's Kconfig keeps the first one's change.
        files: {
          'drivers/Kconfig': KCONFIG.replace(
            '\tdepends on NET\n',
            '\tdepends on NET && CRYPTO\n',
          ).replace(
            'endmenu',
            'config SLOW_PATH\n\tbool "Slow path"\n\tdepends on CRYPTOO\n\nendmenu',
          ),
        },
      },
    ],
  },
  {
    name: 'clean',
    changes: [
      {
        message: 'drivers: describe the fast path\n\nSay what the option does.',
        files: edit('\tdefault y\n', '\tdefault y\n\thelp\n\t  The quick way through.\n'),
      },
    ],
  },
  {
    name: 'clean-not-quiet',
    changes: [
      {
        message: 'drivers: describe the fast path\n\nSay what the option does.',
        files: edit('\tdefault y\n', '\tdefault y\n\thelp\n\t  The quick way through.\n'),
      },
    ],
    policy: { quietWhenClean: false },
  },
  {
    name: 'no-kconfig',
    changes: [
      {
        message: 'drivers: a comment\n\nNothing configurable.',
        files: { 'drivers/plain.c': '/* plain */\nint plain;\n' },
      },
    ],
  },
  {
    name: 'does-not-apply',
    unsent: [
      {
        message: 'drivers: rename the crypto prompt',
        files: edit('"Cryptography"', '"Crypto API"'),
      },
    ],
    changes: [
      {
        message: 'drivers: mark the crypto API deprecated\n\nNobody uses it.',
        files: edit('"Cryptography"', '"Crypto API (deprecated)"'),
      },
    ],
    policy: { replyOnApplyFailure: true },
  },
];

const DATE = '2026-03-02T10:00:00+01:00';

// Ada writes and sends the series (format-patch takes the cover letter's From from the committer).
function gitEnv(): Record<string, string> {
  return {
    ...testGitEnv(DATE),
    GIT_AUTHOR_NAME: 'Ada Lovelace',
    GIT_AUTHOR_EMAIL: 'ada@example.org',
    GIT_COMMITTER_NAME: 'Ada Lovelace',
    GIT_COMMITTER_EMAIL: 'ada@example.org',
  };
}
export const NOW = new Date('2026-03-10T12:00:00Z');
export const FROM = { name: 'Kconfig Review Bot', address: 'kreview@example.org' };

function commit(repo: TestRepo, change: Change): void {
  repo.commit(change.message, change.files);
  // The author as a list would show it; the commit before keeps its fixed identity otherwise.
  runGit(repo.dir, ['commit', '-q', '--amend', '--no-edit', '--reset-author'], gitEnv());
}

// git format-patch puts the clock in Message-IDs; the goldens need them fixed.
function fixedIds(mbox: string): string {
  return mbox.replace(/\.\d+\.git\./g, '.0.git.');
}

async function seriesFor(repo: TestRepo, scenario: Scenario): Promise<Series> {
  repo.git('checkout', '-q', '-b', scenario.name, 'main');
  for (const change of scenario.unsent ?? []) commit(repo, change);
  const from = repo.git('rev-parse', 'HEAD').trim();
  for (const change of scenario.changes) commit(repo, change);
  const args = [`--to=${LIST_ADDRESS}`, '--cc=Tom Maintainer <tom@example.org>'];
  if (scenario.unsent === undefined) args.push('--base=main');
  if (scenario.cover !== undefined) args.push('--cover-letter');
  let mbox = runGit(
    repo.dir,
    ['format-patch', '--stdout', '--thread=shallow', ...args, `${from}..${scenario.name}`],
    gitEnv(),
  );
  repo.git('checkout', '-q', 'main');
  if (scenario.cover !== undefined)
    mbox = mbox
      .replace('*** SUBJECT HERE ***', scenario.cover.subject)
      .replace('*** BLURB HERE ***', scenario.cover.blurb);
  return seriesOf(fixedIds(mbox));
}

/** What one scenario comes to: why it got no mail (if so), and the mbox of what it got. */
export interface SmallGolden {
  readonly name: string;
  readonly quiet: Quiet | undefined;
  readonly mbox: string;
  /** The review's findings, mailed or not. */
  readonly findings: readonly Finding[];
  readonly review: Review;
}

/** Builds the tree, reviews every scenario, and returns the mail each one gets. */
export async function smallGoldens(): Promise<SmallGolden[]> {
  const cache = mkdtempSync(path.join(tmpdir(), 'kreview-cache-'));
  const repo = makeRepo(BASE_FILES);
  try {
    const out: SmallGolden[] = [];
    for (const scenario of SCENARIOS) {
      const series = await seriesFor(repo, scenario);
      const review = await runReview(series, {
        tree: repo.dir,
        base: 'main',
        presets: [],
        derive: true,
        env: { ...process.env, KREVIEW_CACHE: cache },
        toolchainCache: path.join(cache, 'toolchain'),
        progress: () => {},
      });
      const policy = { ...GOLDEN_POLICY, ...scenario.policy };
      const list = { base: 'main', presets: [], derive: true } as const;
      const { quiet, replies } = policyMail(review, policy, {
        from: FROM,
        now: NOW,
        reproduce: reproduce(series, list as unknown as Parameters<typeof reproduce>[1]),
      });
      out.push({
        name: scenario.name,
        quiet,
        mbox: repliesMbox(replies),
        findings: review.findings,
        review,
      });
    }
    return out;
  } finally {
    repo.remove();
    rmSync(cache, { recursive: true, force: true });
  }
}

/** The golden file of one scenario (empty when it gets no mail). */
export function smallGoldenPath(name: string): string {
  return path.join(SMALL_GOLDEN_DIR, `${name}.mbox`);
}
