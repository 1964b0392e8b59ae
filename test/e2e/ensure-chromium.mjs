// Browser tests drive the system Chromium through playwright-core (which downloads no browser of its own).
// Install it from Debian's packages when it is missing; any failure stops `npm run test:e2e` loudly.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) {
  console.log(`ensure-chromium: ${CHROMIUM} is present.`);
} else {
  console.log(`ensure-chromium: ${CHROMIUM} is missing; installing the chromium package…`);
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  try {
    execSync(`${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium`, {
      stdio: 'inherit',
      shell: '/bin/bash',
    });
  } catch (error) {
    console.error(`ensure-chromium: installing chromium failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`ensure-chromium: apt-get finished but ${CHROMIUM} still does not exist.`);
    process.exit(1);
  }
  console.log('ensure-chromium: chromium installed.');
}
