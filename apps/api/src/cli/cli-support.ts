import { Client } from 'pg';
import { AppConfig, prepareDatabase } from '@app/core';

/** Runs `fn` with an owner connection to the database (embedded or DATABASE_URL), then closes both. */
export async function withOwnerClient<T>(config: AppConfig, fn: (c: Client) => Promise<T>): Promise<T> {
  const db = await prepareDatabase(config);
  const c = new Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
    await db.embedded?.stop();
  }
}

/** Runs a command's main: its exit code on success (0 by default), 2 with the message on error. */
export function runCommand(name: string, main: () => Promise<number> | Promise<void>): void {
  main().then(
    (code) => process.exit(typeof code === 'number' ? code : 0),
    (e: unknown) => {
      process.stderr.write(`${name} failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
