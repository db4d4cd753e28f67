// bench/shards.mjs's figures: medians over rounds, the tables, the ratios 2 shards / 1 database, what bounds each
// layout's rate, and whether lookups by code touched the control database.

export const LAYOUT_LABELS = { "one-db": "1 database", "two-shards": "2 shards" };

/** Above this share of one core taken by other processes during a measurement, it counts as disturbed. */
export const DISTURBED_PERCENT = 25;
export const median = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** The q-quantile (0..1) of sorted numbers, nearest rank. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** A measurement during which other processes took at most DISTURBED_PERCENT of a core. */
export const isQuiet = (r) => r.otherCpuPercent <= DISTURBED_PERCENT;

/** The rounds of `route` in which both layouts were measured quiet. */
function quietRounds(rows, route) {
  const byRound = new Map();
  for (const r of rows.filter((x) => x.route === route)) byRound.set(r.round, [...(byRound.get(r.round) ?? []), r]);
  return new Set([...byRound].filter(([, pair]) => pair.length === 2 && pair.every(isQuiet)).map(([round]) => round));
}

/**
 * One row per layout and route: medians over the rounds in which both layouts were measured quiet (so both come
 * from the same conditions), or over all if there are none; control database queries are summed, not medians.
 */
export function summarize(rows, { layouts, routes }) {
  const out = [];
  for (const route of routes) {
    const quietPairs = quietRounds(rows, route);
    for (const layout of layouts) {
      const mine = rows.filter((r) => r.layout === layout && r.route === route);
      if (mine.length === 0) continue;
      const use = quietPairs.size ? mine.filter((r) => quietPairs.has(r.round)) : mine;
      const m = (f) => median(use.map(f));
      const processes = use[0].processes.map((p, i) => ({
        role: p.role,
        name: p.name,
        provinces: p.provinces,
        cpuPercent: m((r) => r.processes[i].cpuPercent),
        msPerRequest: m((r) => r.processes[i].msPerRequest),
        queriesPerRequest: m((r) => r.processes[i].queriesPerRequest),
        ceilingRps: m((r) => r.processes[i].ceilingRps),
        queries: mine.reduce((sum, r) => sum + (r.processes[i].queries ?? 0), 0),
      }));
      out.push({
        layout,
        route,
        pairs: mine.length,
        quietPairs: quietPairs.size,
        rps: m((r) => r.rps),
        byProvince: Object.fromEntries(Object.keys(use[0].provinces).map((id) => [id, m((r) => r.provinces[id].rps)])),
        p50: m((r) => r.p50),
        p99: m((r) => r.p99),
        failures: mine.reduce((sum, r) => sum + r.failures, 0),
        requests: mine.reduce((sum, r) => sum + r.requests, 0),
        processes,
        ourCpuMsPerRequest: m((r) => r.ourCpuMsPerRequest),
        ourCpuPercent: m((r) => r.ourCpuPercent),
        bounds: { machine: m((r) => r.bounds.machine), worker: m((r) => r.bounds.worker), d1: m((r) => r.bounds.d1) },
        clientCpuPercent: m((r) => r.clientCpuPercent),
        otherCpuPercent: m((r) => r.otherCpuPercent),
        machineCpuPercent: m((r) => r.machineCpuPercent),
      });
    }
  }
  return out;
}

/** Per route, 2 shards / 1 database paired per round (measured one right after the other): median and range. */
export function ratios(rows, routes) {
  const out = [];
  for (const route of routes) {
    const pairs = [];
    for (const two of rows.filter((r) => r.layout === "two-shards" && r.route === route)) {
      const one = rows.find((r) => r.layout === "one-db" && r.route === route && r.round === two.round);
      if (one) pairs.push([one, two]);
    }
    if (pairs.length === 0) continue;
    const quietPairs = pairs.filter(([a, b]) => isQuiet(a) && isQuiet(b));
    const use = quietPairs.length ? quietPairs : pairs;
    const ratio = (f) => {
      const v = use.map(([a, b]) => f(b) / f(a)).filter((x) => Number.isFinite(x));
      return v.length ? { median: median(v), min: Math.min(...v), max: Math.max(...v), pairs: v.length } : null;
    };
    const worker = (r) => r.processes.find((p) => p.role === "worker").msPerRequest;
    out.push({
      route,
      rps: ratio((r) => r.rps),
      p99: ratio((r) => r.p99),
      workerMsPerRequest: ratio(worker),
      ourCpuMsPerRequest: ratio((r) => r.ourCpuMsPerRequest),
      d1Bound: ratio((r) => r.bounds.d1),
    });
  }
  return out;
}

const fmt = (x, digits = 0) => (x === null || x === undefined ? "" : x.toFixed(digits));
const fmtRatio = (x) => (!x ? "" : x.pairs > 1 ? `${x.median.toFixed(2)}x (${x.min.toFixed(2)}-${x.max.toFixed(2)})` : `${x.median.toFixed(2)}x`);

function grid(header, lines, leftColumns = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [row(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(row)].join("\n");
}

/** Requests/s (aggregate and per province) and latency over both provinces' requests. */
export function throughputTable(summary, provinceIds) {
  const header = ["layout", "route", "req/s", ...provinceIds.map((id) => `${id} req/s`), "p50 ms", "p99 ms", "failed", "pairs (quiet)"];
  const lines = summary.map((s) => [
    LAYOUT_LABELS[s.layout],
    s.route,
    fmt(s.rps),
    ...provinceIds.map((id) => fmt(s.byProvince[id])),
    fmt(s.p50, 1),
    fmt(s.p99, 1),
    String(s.failures),
    `${s.pairs} (${s.quietPairs})`,
  ]);
  return grid(header, lines, 2);
}

/** Where the CPU went, per process: share of a core, per request, D1 requests per lookup, and the ceiling alone. */
export function processTable(summary) {
  const header = ["layout", "route", "process", "CPU % of a core", "CPU ms/req", "D1 queries/req", "alone could serve req/s"];
  const lines = [];
  for (const s of summary) {
    s.processes.forEach((p, i) => {
      const what =
        p.role === "worker"
          ? "worker"
          : p.role === "control"
            ? "D1 control (DB)"
            : `D1 ${p.name}${p.provinces.length > 1 ? ` (${p.provinces.join(" + ")})` : ""}`;
      lines.push([
        i === 0 ? LAYOUT_LABELS[s.layout] : "",
        i === 0 ? s.route : "",
        what,
        fmt(p.cpuPercent),
        p.role === "control" ? "" : fmt(p.msPerRequest, 3),
        p.role === "control" ? `${p.queries} in all` : p.role === "worker" ? "" : fmt(p.queriesPerRequest, 2),
        p.role === "control" ? "" : fmt(p.ceilingRps),
      ]);
    });
    lines.push(["", "", "load generator (node)", fmt(s.clientCpuPercent), "", "", ""]);
    lines.push(["", "", "all of the above", fmt(s.ourCpuPercent), fmt(s.ourCpuMsPerRequest, 3), "", `${fmt(s.bounds.machine)} (all cores)`]);
    lines.push(["", "", "everything else on the machine", fmt(s.otherCpuPercent), "", "", ""]);
  }
  return grid(header, lines, 3);
}

export function ratioTable(rs) {
  const header = ["route", "req/s 2 shards / 1 db", "p99", "worker CPU ms/req", "all CPU ms/req", "D1 side bound"];
  return grid(
    header,
    rs.map((r) => [r.route, fmtRatio(r.rps), fmtRatio(r.p99), fmtRatio(r.workerMsPerRequest), fmtRatio(r.ourCpuMsPerRequest), fmtRatio(r.d1Bound)]),
  );
}

const BOUND_NAMES = { machine: "the machine", worker: "the worker process", d1: "the D1 side" };

/** The lowest of a layout's bounds: what its rate runs into first. */
export function lowestBound(s) {
  return Object.entries(s.bounds)
    .filter(([, v]) => v !== null)
    .sort((a, b) => a[1] - b[1])[0][0];
}

/** The explanation printed with the figures: each layout's bounds and the lowest, the D1 side's gain, and so what the end-to-end ratio means. */
export function explain(summary, rs, { cores }) {
  const lines = [
    "What bounds what. Each bound is the rate at which that alone would be saturated, from the CPU it spent per lookup in the" +
      ` run: the machine (its ${cores} cores ÷ the CPU per lookup of all our processes: worker, D1, load generator), the worker` +
      " process (one core: a workerd runs its JavaScript on one thread) and the D1 side (one core per database process, for its" +
      " share of the lookups; a D1 process runs its SQLite on one thread). A measured rate stays somewhat below the lowest:" +
      " each request hops between processes that wait on each other's wake-ups.",
  ];
  for (const s of summary) {
    const lowest = lowestBound(s);
    const d1 = s.processes.filter((p) => p.role === "database");
    lines.push(
      `- ${LAYOUT_LABELS[s.layout]}, ${s.route}: ${fmt(s.rps)} req/s. Bounds: machine ~${fmt(s.bounds.machine)} (${fmt(s.ourCpuMsPerRequest, 2)} ms CPU per lookup in all),` +
        ` worker ~${fmt(s.bounds.worker)}, D1 ~${fmt(s.bounds.d1)}${d1.length > 1 ? ` (${d1.map((p) => `${p.name} ~${fmt(p.ceilingRps)}`).join(", ")})` : ""}` +
        ` → lowest: ${BOUND_NAMES[lowest]}; the rate measured is ${fmt((s.rps / s.bounds[lowest]) * 100)}% of it.`,
    );
  }
  const so = [];
  for (const r of rs) {
    const one = summary.find((s) => s.layout === "one-db" && s.route === r.route);
    const two = summary.find((s) => s.layout === "two-shards" && s.route === r.route);
    if (!one || !two) continue;
    let text =
      `${r.route}: two shards move the D1 bound from ~${fmt(one.bounds.d1)} to ~${fmt(two.bounds.d1)} req/s (${fmtRatio(r.d1Bound)});` +
      ` end to end, 2 shards / 1 database = ${fmtRatio(r.rps)}`;
    const [lowOne, lowTwo] = [lowestBound(one), lowestBound(two)];
    if (lowOne === "d1" && lowTwo !== "d1") {
      text += `: the one database is what the 1-database layout runs into first; with two shards it is ${BOUND_NAMES[lowTwo]} (~${fmt(two.bounds[lowTwo])})`;
      if (lowTwo === "machine" && r.ourCpuMsPerRequest?.median > 1.03) {
        text +=
          `, whose bound itself falls (~${fmt(one.bounds.machine)} → ~${fmt(two.bounds.machine)}): each lookup costs ${fmtRatio(r.ourCpuMsPerRequest)} the CPU in all` +
          " (two database processes, each waking up for fewer queries at a time), all of it from the same cores";
      }
    } else if (lowOne === lowTwo) {
      text += `: ${BOUND_NAMES[lowOne]} is what both layouts run into first, so the D1 gain cannot show end to end`;
    } else {
      text += `: the 1-database layout runs into ${BOUND_NAMES[lowOne]} first, 2 shards into ${BOUND_NAMES[lowTwo]}`;
    }
    so.push(`${text}.`);
  }
  lines.push(`So, on this machine: ${so.join(" ")}`);
  const busy = summary.filter((s) => s.otherCpuPercent > DISTURBED_PERCENT);
  if (busy.length) {
    lines.push(
      `Other processes took over ${DISTURBED_PERCENT}% of a core during ${busy.map((s) => `${s.layout}/${s.route}`).join(", ")}: on a contended machine the` +
        " share of the cores the scheduler gives each layout's processes decides its rate as much as the layout does; rerun on a quiet machine.",
    );
  }
  lines.push(
    "In production the worker runs in as many isolates as traffic needs, on Cloudflare's machines, and each D1 database on its own:" +
      " neither the machine nor the worker bound exists there as here, and the D1 bound is what sharding moves. A D1 process's" +
      " bound here counts its CPU only (SQLite, the D1 Durable Object, its HTTP server), measured while it was partly idle: a busier" +
      " process spends less per query, so the bound is if anything low. Real D1 adds network and storage latency to each query," +
      " which a database serving one query at a time pays in turn.",
  );
  return lines.join("\n");
}

/**
 * Lookups by code must not read the control database (the shard map is in each isolate's copy). Allowed: the
 * copy's refresh, at most once a minute per worker isolate, so one per measurement of up to a minute.
 */
export function controlCheck(rows, durationS) {
  const allowedPerRun = 1 + Math.floor(durationS / 60);
  const queries = rows.reduce((sum, r) => sum + r.processes.find((p) => p.role === "control").queries, 0);
  const lookups = rows.reduce((sum, r) => sum + r.requests, 0);
  const over = rows.filter((r) => r.processes.find((p) => p.role === "control").queries > allowedPerRun);
  const cpuMs = rows.reduce((sum, r) => sum + r.processes.find((p) => p.role === "control").cpuMs, 0);
  const ok = over.length === 0;
  const text = ok
    ? `control database: ${queries} D1 quer${queries === 1 ? "y" : "ies"} during ${lookups} lookups by code in ${rows.length} measured runs` +
      ` (${fmt(cpuMs)} ms of its CPU in all): none per lookup${queries ? "; each was the shard map's once-a-minute refresh (worker/src/shards/directory.ts)" : ""}.`
    : `WARNING: lookups by code queried the control database: ${over.map((r) => `${r.layout}/${r.route}#${r.round}: ${r.processes.find((p) => p.role === "control").queries}`).join(", ")} (at most ${allowedPerRun} per run is the map's refresh).`;
  return { ok, queries, lookups, cpuMs, text };
}
