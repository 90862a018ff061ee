// The real built server on a fresh embedded PostgreSQL with the demo task force, for one browser run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'tf-web-e2e-'));
const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../../dist/apps/api/src/main.js')], {
  stdio: 'inherit',
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: process.env.TF_WEB_PORT,
    EMBEDDED_PG_PORT: process.env.TF_WEB_PG_PORT,
    DATA_DIR: dir,
    JOBS: 'false',
    LOG_LEVEL: 'warn',
    // One address signs in every persona of the suite.
    LOGIN_RATE_PER_ADDRESS: '1000',
    LOGIN_RATE_PER_ACCOUNT: '100',
    REQUEST_RATE_LIMIT: '100000',
    // One process (NODE_ENV=development would fork a worker per core, ADR 0022).
    WORKERS: '1',
    // A second server of the suite requires MFA of everyone (the enrolment journey).
    ...(process.env.TF_WEB_MFA_REQUIRED ? { MFA_REQUIRED: 'true' } : {}),
  },
});
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
