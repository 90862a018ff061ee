import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, loadSystemKeys, prepareDatabase } from '@app/core';
import { createApp } from './create-app';
import { seedDemo } from './seed/demo-seed';
import { DEMO_AGENCIES, DEMO_PASSWORD } from './seed/demo-data';

async function main(): Promise<void> {
  const config = loadConfig();
  const say = (m: string) => process.stdout.write(m + '\n');
  const db = await prepareDatabase(config, say, { as: 'server' });
  let seeded = false;
  const systemKeys = await loadSystemKeys(db.ownerUrl, config.masterKey);
  if (config.seedDemo) seeded = (await seedDemo(db.ownerUrl, config.masterKey)).seeded;
  const app = await createApp(config, db.appUrl, systemKeys, db.ownerUrl, db.embedded);
  await app.listen(config.port, config.host);
  const port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  say('');
  say(`Task-force case tracker is listening at ${base}/`);
  say(`  Web console (open it in a browser): ${base}/`);
  say(`  GraphQL endpoint${config.graphql.introspection ? ' and sandbox' : ''}: ${base}/graphql`);
  say(`  Health: ${base}/health`);
  say(`  Database: ${db.embedded ? `embedded PostgreSQL (data in ${config.dataDir})` : 'DATABASE_URL'}`);
  if (config.seedDemo) {
    say('');
    say(`Demo task force ${seeded ? 'created' : 'already present'}. Sign in to the console at ${base}/ as any of these users.`);
    say(`  Password for every demo user (demo only): ${DEMO_PASSWORD}`);
    for (const a of DEMO_AGENCIES)
      say(`  ${a.name}: ${a.users.map((u) => `${u.username} (${u.roles.join(', ').toLowerCase()})`).join(', ')}`);
    say('');
    say('  Start with lcso.investigator (leads, cases, deconfliction), then cpd.investigator and usao.prosecutor.');
    say('  GraphQL: mutation { login(input: {username: "lcso.investigator", password: "' + DEMO_PASSWORD + '"}) { accessToken } },');
    say('  then send the accessToken as the header  Authorization: Bearer <token>');
  }
  // A normal stop, in order: the app closes (its pool and jobs end), then the embedded postmaster
  // stops (fast shutdown, waited for), then the process exits. Nothing is left running on DATA_DIR.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    let code = 0;
    try {
      await app.close();
    } catch (e) {
      console.error(`Closing the app on ${signal} failed:`, e);
      code = 1;
    }
    await db.embedded?.stop();
    process.exit(code);
  };
  process.on('SIGINT', (s) => void stop(s));
  process.on('SIGTERM', (s) => void stop(s));
}

main().catch((e: unknown) => {
  console.error('Failed to start:', e);
  process.exit(1);
});
