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
// Node keeps the TypeScript it strips, compiled, in its cache directory (NODE_COMPILE_CACHE, else
// the OS temp dir): a warm start then loads no stripper, ~30 MiB and most of a second less.
(await import('node:module')).enableCompileCache?.();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
