import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests start the built CLI and a browser: give a loaded 2-core machine room.
    testTimeout: 30_000,
    reporters: process.env.CI ? ["default", "./test/plain-summary.ts"] : ["default"],
  },
});
