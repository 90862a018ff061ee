/** Stops the embedded PostgreSQL started by global-setup (its data folder is temporary). */
export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __TF_PG__?: { stop(): Promise<void> } }).__TF_PG__;
  if (server) await server.stop();
}
