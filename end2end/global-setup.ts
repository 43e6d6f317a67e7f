import { execFileSync } from 'node:child_process';
import { PASSWORD } from './tests/fixtures';

// Accounts for the browser tests, made with the server's own CLI against the e2e database.
// `make test` starts from an empty database; a rerun by hand finds them already there.
export default async function globalSetup() {
  for (const username of ['e2e-ada', 'e2e-bob']) {
    try {
      execFileSync(
        '../target/release/kragle-schedules',
        ['user', 'add', '--username', username, '--email', `${username}@example.com`, '--password-stdin'],
        {
          input: `${PASSWORD}\n`,
          env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? '', KRAGLE_LOG: 'warn' },
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
    } catch (error: any) {
      if (!String(error.stderr).includes('already registered')) throw error;
    }
  }
}
