#!/usr/bin/env -S node --max-semi-space-size=16
// The young-generation cap is the one the npm scripts use: the Kconfig engine's short-lived
// objects otherwise grow the semi-spaces to ~100 MB of peak RSS for no speed gain.
// kreview is written in TypeScript and run by Node 24's type stripping; refuse older Node clearly.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `kreview: Node ${process.versions.node} is too old: Node 24 or newer is required\n` +
      'hint: run it through npm ("npm run kreview -- ..."), which uses the Node 24 that the project installs\n',
  );
  process.exit(1);
}
// Node's on-disk compile cache keeps the type-stripped and compiled modules between runs: without it
// every run strips and compiles ~100 TypeScript and library modules again, over half the wall time
// of a short command such as `kreview apply`. It lives in kreview's cache directory (not the shared
// /tmp), is keyed by each file's content, and NODE_COMPILE_CACHE or NODE_DISABLE_COMPILE_CACHE win.
const { enableCompileCache } = await import('node:module');
const { homedir } = await import('node:os');
enableCompileCache(
  process.env.NODE_COMPILE_CACHE ||
    `${process.env.KREVIEW_CACHE || `${homedir()}/.cache/kreview`}/node-compile-cache`,
);
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
