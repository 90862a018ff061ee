import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'];
const PORT = Number(process.env.TF_WEB_PORT ?? 3199);
process.env.TF_WEB_PORT = String(PORT);
process.env.TF_WEB_PG_PORT ??= String(54419);

/**
 * The console in a real browser (Debian's Chromium, as root: --no-sandbox) against the real built
 * server on a fresh demo database. One journey a file, run one after another on that database.
 */
/** The MFA-required server, for the enrolment journey. */
export const MFA_REQUIRED_URL = `http://127.0.0.1:${PORT + 1}`;

export default defineConfig({
  testDir: './e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: './test-results',
  webServer: [
    {
      command: 'node e2e/serve.mjs',
      cwd: __dirname,
      url: `http://127.0.0.1:${PORT}/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    // The same demo with MFA required of everyone (MFA_REQUIRED=true), at the next port.
    {
      command: 'node e2e/serve.mjs',
      cwd: __dirname,
      url: `http://127.0.0.1:${PORT + 1}/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { TF_WEB_PORT: String(PORT + 1), TF_WEB_PG_PORT: String(Number(process.env.TF_WEB_PG_PORT) + 1), TF_WEB_MFA_REQUIRED: '1' },
    },
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/Denver',
    trace: 'off',
    launchOptions: {
      executablePath: CANDIDATES.find((p) => existsSync(p)),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
