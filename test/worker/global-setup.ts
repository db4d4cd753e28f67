/**
 * Once for the worker tests, in Node: the fake Zalo the worker is configured to call (vitest.worker.config.ts
 * points ZALO_*_URL at it). Tests inside workerd reach it over HTTP on 127.0.0.1 to set failure modes and read what
 * it received.
 */
import { startFakeZalo } from "../../scripts/fake-zalo/server";

export const FAKE_ZALO_PORT = Number(process.env.FAKE_ZALO_TEST_PORT ?? 8797);

export default async function setup() {
  const zalo = await startFakeZalo({ port: FAKE_ZALO_PORT, timeoutHoldMs: 5_000 });
  return () => zalo.stop();
}
