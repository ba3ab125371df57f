// Separates what the kernel's conf prints from what make and kbuild print around it.
//
// The oracle runs `make -C <tree> O=<builddir> ARCH=<arch> --no-print-directory <target>` without
// `-s`, because `-s` is passed on to conf as its own `-s` and silences the "configuration written"
// messages that the engine has to reproduce. What make adds to stdout around conf is then:
//   - kbuild's quiet command lines: two spaces, an upper-case tag, the object ("  GEN     Makefile",
//     "  HOSTCC  scripts/kconfig/conf.o");
//   - make's own lines ("make[1]: ..."), which --no-print-directory mostly removes;
//   - the top Makefile's echo for defconfig: "*** Default configuration is based on '...'".
// conf itself never prints a line of these shapes in the non-interactive targets, so dropping them
// leaves exactly conf's stdout. For the defconfig targets built from fragments, and for arches whose
// Makefile probes options the host compiler lacks, see withoutMergeConfig and withoutHostToolchain.

const KBUILD_QUIET_LINE = /^ {2}[A-Z][A-Z0-9_]* +\S/;
const MAKE_LINE = /^make(\[\d+\])?: /;
const DEFCONFIG_ECHO = /^\*\*\* Default configuration is based on (?:target )?'([^']*)'$/;

/** Splits make's stdout into conf's own stdout and the defconfig name the Makefile announced. */
export function confStdout(makeStdout: string): { stdout: string; defconfigName?: string } {
  const kept: string[] = [];
  let defconfigName: string | undefined;
  const lines = makeStdout.split('\n');
  // A trailing newline leaves an empty last element, which is not a line.
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    const echo = DEFCONFIG_ECHO.exec(line);
    if (echo !== null) {
      defconfigName = echo[1];
      continue;
    }
    if (KBUILD_QUIET_LINE.test(line) || MAKE_LINE.test(line)) continue;
    kept.push(line);
  }
  const stdout = kept.length === 0 ? '' : `${kept.join('\n')}\n`;
  return defconfigName === undefined ? { stdout } : { stdout, defconfigName };
}

// merge_config.sh, which make runs for the defconfig targets built from fragments (powerpc's
// ppc64le_defconfig, mips' generic boards), echoes on stdout around conf's runs: the base and
// each fragment ("Using <srctree>/… as base", "Merging …"), each value a fragment overrides (a
// four-line block), and "merged configuration written to … (needs make)" between '#' lines.
const MERGE_NOTE = /^(Using .* as base|Merging .*)$/;
const MERGE_BLOCK =
  /^(Value of \S+ is (redefined|redundant) by fragment .*:|\S+: -y passed, will not demote y to m)$/;
const MERGE_WRITTEN = /^# merged configuration written to .* \(needs make\)$/;

/** conf's stdout from make's, with merge_config.sh's lines removed. */
export function withoutMergeConfig(stdout: string): string {
  const lines = stdout.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (MERGE_NOTE.test(line)) continue;
    if (MERGE_BLOCK.test(line)) {
      while (/^(Previous|New) value: /.test(lines[i + 1] ?? '')) i++;
      if (lines[i + 1] === '') i++;
      continue;
    }
    if (line === '#' && MERGE_WRITTEN.test(lines[i + 1] ?? '') && lines[i + 2] === '#') {
      i += 2;
      continue;
    }
    kept.push(line);
  }
  return kept.join('\n');
}

// The host compiler rejecting another arch's options while make reads arch/$SRCARCH/Makefile
// (mips' cc-option probes: "gcc: error: unrecognized command-line option '-G'"): make's stderr,
// printed on every make run. conf's own stderr lines never start with a tool's name and a colon.
const HOST_TOOL_LINE = /^(gcc|cc1|cc|as|ld|clang)(-[\w.]+)?: (error|warning|fatal error): /;

/** conf's stderr from make's, with the host toolchain's complaints about the arch Makefile removed. */
export function withoutHostToolchain(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => !HOST_TOOL_LINE.test(l))
    .join('\n');
}
