// The load bench's traffic: mixed citizen requests at a fixed rate (autocannon), a burst of concurrent requests,
// and what the worker, wrangler and the machine spent meanwhile.
import autocannon from "autocannon";
import { cpuMs as cpuMsOfPid, cpuMsOf, machineBusyMs } from "./procs.mjs";

/**
 * What citizens do, by weight: mostly lookups (public, and owner views with the slip's token), the procedure guide
 * and the province, a few sign-ins (a Zalo access token checked with the fake Zalo) and follows (a signed-in
 * citizen following a dossier with its slip token).
 */
export const MIX = [
  { kind: "public", weight: 40 },
  { kind: "owner", weight: 22 },
  { kind: "procedures", weight: 12 },
  { kind: "province", weight: 10 },
  { kind: "agencies", weight: 6 },
  { kind: "sign-in", weight: 3 },
  { kind: "follow", weight: 7 },
];

/** Everyday searches in the procedure guide, as typed (without diacritics too). */
const SEARCHES = ["khai sinh", "ket hon", "đất", "so do", "giay phep xay dung", "ly lich tu phap", "chứng thực", "doanh nghiep", "lai xe"];

const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** A request of `kind` for autocannon: method, path, headers and body. */
export function citizenRequest(kind, data) {
  const i = Math.floor(Math.random() * data.codes.length);
  const province = encodeURIComponent(data.provinceId);
  switch (kind) {
    case "public":
      return { method: "GET", path: `/v1/dossiers/${data.codes[i]}` };
    case "owner":
      return { method: "GET", path: `/v1/dossiers/${data.codes[i]}?t=${data.tokens[i]}` };
    case "procedures":
      return { method: "GET", path: `/v1/provinces/${province}/procedures?q=${encodeURIComponent(pick(SEARCHES))}` };
    case "province":
      return { method: "GET", path: `/v1/provinces/${province}` };
    case "agencies":
      return { method: "GET", path: `/v1/provinces/${province}/agencies` };
    case "sign-in":
      return {
        method: "POST",
        path: "/v1/session",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ provinceId: data.provinceId, accessToken: pick(data.zaloTokens) }),
      };
    case "follow":
      return {
        method: "POST",
        path: "/v1/me/follows",
        headers: { "content-type": "application/json", authorization: `Bearer ${pick(data.sessions)}` },
        body: JSON.stringify({ code: data.codes[i], t: data.tokens[i] }),
      };
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

function weightedKind(mix) {
  const total = mix.reduce((s, m) => s + m.weight, 0);
  let r = Math.random() * total;
  for (const m of mix) {
    r -= m.weight;
    if (r < 0) return m.kind;
  }
  return mix[mix.length - 1].kind;
}

/**
 * `seconds` of traffic at `rate` requests/s over `connections` connections. `mix` gives the kinds; `floor` sends
 * every request to the bare floor route instead (the same indexed select with nothing around it). Returns
 * autocannon's result with statuses per kind and the CPU spent by `pids` (the target's processes, by role).
 */
export async function runMixedLoad({ url, data, mix = MIX, floor = false, seconds, rate, connections, pids }) {
  const byKind = {};
  /** The first answer of each failing kind and status, to tell whose it is (ours, wrangler's proxy). */
  const failureSamples = {};
  const count = (kind, status, body) => {
    const k = (byKind[kind] ??= {});
    k[status] = (k[status] ?? 0) + 1;
    if (status >= 300) failureSamples[`${kind} ${status}`] ??= String(body ?? "").slice(0, 300);
  };
  const cpu0 = Object.fromEntries(Object.entries(pids).map(([role, list]) => [role, cpuMsOf(list)]));
  const client0 = process.cpuUsage();
  const machine0 = machineBusyMs();
  const t0 = performance.now();
  const result = await autocannon({
    url,
    connections,
    overallRate: rate,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (req, context) => {
          const kind = floor ? "floor" : weightedKind(mix);
          context.kind = kind;
          const i = Math.floor(Math.random() * data.codes.length);
          const shaped = floor ? { method: "GET", path: `/__bench/floor/public/${data.codes[i]}` } : citizenRequest(kind, data);
          return { ...req, headers: {}, body: undefined, ...shaped };
        },
        onResponse: (status, body, context) => count(context.kind, status, body),
      },
    ],
  });
  const wallMs = performance.now() - t0;
  // A process gone by the end (wrangler dev restarting its worker) leaves its role's figure unknown.
  const cpuMs = Object.fromEntries(
    Object.entries(pids).map(([role, list]) => [role, list.some((pid) => cpuMsOfPid(pid) === null) ? null : cpuMsOf(list) - cpu0[role]]),
  );
  const client = process.cpuUsage(client0);
  const clientMs = (client.user + client.system) / 1000;
  const ours = Object.values(cpuMs).reduce((s, v) => s + (v ?? 0), 0) + clientMs;
  return { result, byKind, failureSamples, wallMs, cpuMs, clientMs, otherMs: Math.max(0, machineBusyMs() - machine0 - ours) };
}

/** What a run amounts to: requests, failures by status, req/s, latency, CPU per request by role. */
export function summarizeLoad(target, phase, run) {
  const r = run.result;
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  const failures = Object.fromEntries(Object.entries(statuses).filter(([k]) => !k.startsWith("2")));
  const answered = Object.values(statuses).reduce((s, n) => s + n, 0);
  return {
    target,
    phase,
    requests: answered + r.timeouts + (r.errors - r.timeouts),
    answered,
    non2xx: failures,
    timeouts: r.timeouts,
    otherErrors: r.errors - r.timeouts,
    rps: answered / r.duration,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    byKind: run.byKind,
    failureSamples: run.failureSamples,
    cpuMsPerRequest: Object.fromEntries(Object.entries(run.cpuMs).map(([role, ms]) => [role, answered && ms !== null ? ms / answered : null])),
    cpuPercent: Object.fromEntries(Object.entries(run.cpuMs).map(([role, ms]) => [role, ms === null ? null : (ms / run.wallMs) * 100])),
    loadGeneratorCpuPercent: (run.clientMs / run.wallMs) * 100,
    otherCpuPercent: (run.otherMs / run.wallMs) * 100,
    durationS: r.duration,
  };
}

/**
 * `n` public lookups sent at once, each on its own connection, as a crowd opening their slips at the same moment.
 * Counts those answered (2xx) within 30 s and within `limitMs`, and their latencies.
 */
export async function burst({ url, data, n = 200, limitMs = 60_000 }) {
  const t0 = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: n }, async () => {
      const code = data.codes[Math.floor(Math.random() * data.codes.length)];
      const start = performance.now();
      try {
        const res = await fetch(`${url}/v1/dossiers/${code}`, { signal: AbortSignal.timeout(limitMs), headers: { connection: "close" } });
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - start };
      } catch (error) {
        return { status: error?.name === "TimeoutError" ? "timeout" : "error", ms: performance.now() - start };
      }
    }),
  );
  const ok = outcomes
    .filter((o) => o.status === 200)
    .map((o) => o.ms)
    .sort((a, b) => a - b);
  const at = (q) => (ok.length ? Math.round(ok[Math.min(ok.length - 1, Math.floor(q * ok.length))]) : null);
  const statuses = {};
  for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
  return {
    n,
    answeredWithin30s: ok.filter((ms) => ms <= 30_000).length,
    answeredWithinLimit: ok.length,
    limitS: limitMs / 1000,
    statuses,
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: ok.length ? Math.round(ok[ok.length - 1]) : null },
    wallMs: Math.round(performance.now() - t0),
  };
}
