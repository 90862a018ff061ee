// The browser suite runs on Debian's Chromium (Playwright cannot download its own here). When none
// is installed, install Debian's chromium-headless-shell (as root, as CI runs), or say the one command.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'];
const found = () => CANDIDATES.find((p) => existsSync(p));

if (!found()) {
  const cmd = 'apt-get update && apt-get install -y chromium-headless-shell';
  if (process.getuid?.() !== 0) {
    console.error(`No Chromium for the browser tests. Install it with:\n  sudo ${cmd}`);
    process.exit(1);
  }
  console.log('Installing Debian chromium-headless-shell for the browser tests...');
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!found()) {
    console.error(`Chromium is still missing after: ${cmd}`);
    process.exit(1);
  }
}
console.log(`Browser tests use ${found()}`);
