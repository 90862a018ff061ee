import 'reflect-metadata';
import { loadConfig, loadSystemKeys, prepareDatabase } from '@app/core';
import { createApp } from './create-app';
import { seedDemo } from './seed/demo-seed';
import { DEMO_AGENCIES, DEMO_PASSWORD } from './seed/demo-data';

async function main(): Promise<void> {
  const config = loadConfig();
  const say = (m: string) => process.stdout.write(m + '\n');
  const db = await prepareDatabase(config, say);
  let seeded = false;
  const systemKeys = await loadSystemKeys(db.ownerUrl, config.masterKey);
  if (config.seedDemo) seeded = (await seedDemo(db.ownerUrl, config.masterKey)).seeded;
  const app = await createApp(config, db.appUrl, systemKeys, db.ownerUrl);
  await app.listen(config.port, config.host);
  const port = (app.getHttpServer().address() as { port: number }).port;
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
  const stop = async () => {
    await app.close();
    await db.embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error('Failed to start:', e);
  process.exit(1);
});
