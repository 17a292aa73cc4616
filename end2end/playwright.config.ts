import { defineConfig } from "@playwright/test";

// Debian's Chromium: Playwright never downloads a browser of its own.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/** Every test runs twice: hydrated into a single-page app, and with JavaScript off. */
export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Every test makes its own accounts and records, so tests can run side by side
  // (PLAYWRIGHT_WORKERS=2); on CI's two cores two workers were no faster (docs/ci.md).
  fullyParallel: true,
  workers: Number(process.env.PLAYWRIGHT_WORKERS ?? 1),
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
    launchOptions,
    trace: "off",
  },
  projects: [
    { name: "hydrated", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false } },
  ],
});
