import { defineConfig } from 'vitest/config';

// Slow tiers (the full kernel tree, public-inbox, SMTP) live in files named *.slow.test.ts;
// they run in CI too, but with longer time-outs.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
