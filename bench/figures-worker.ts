/**
 * Bench-only worker for bench/figures.ts: the real worker with one route added, GET /__bench/figures/{mode}, that
 * answers a figures query from the counters (mode "counters", what the figures routes call) or from the raw tables
 * (mode "raw", the same figures recomputed), with D1's rows read. Never deployed.
 */
import { app } from "../worker/src/app";
import { figures } from "../worker/src/services/figures";
import { figuresFromRaw } from "../worker/src/services/figures-raw";
import worker from "../worker/src/index";

app.get("/__bench/figures/:mode", async (c) => {
  const groupBy = (c.req.query("groupBy") ?? "agency") as "agency" | "department" | "procedure" | "month";
  const provinceId = c.req.query("provinceId") ?? "thanh-hoa";
  const compute = c.req.param("mode") === "raw" ? figuresFromRaw : figures;
  const started = Date.now();
  const result = await compute(c.var.db, provinceId, { groupBy }, new Date());
  return c.json({ ms: Date.now() - started, rowsRead: result.rowsRead, groups: result.groups.length, total: result.total });
});

export default worker;
