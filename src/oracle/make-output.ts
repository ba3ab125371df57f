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
// leaves exactly conf's stdout. stderr is not filtered: make writes nothing there on success.

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
