// bench/shards.mjs's figures: medians over rounds, the tables, the ratios 2 shards / 1 database, what capped each
// measurement, and whether lookups by code touched the control database.

export const LAYOUT_LABELS = { "one-db": "1 database", "two-shards": "2 shards" };

/** Above this share of one core taken by other processes during a measurement, it counts as disturbed. */
export const DISTURBED_PERCENT = 25;
/** A process using this much of one core is what caps the rate. */
const SATURATED_PERCENT = 85;
/**
 * The machine caps the rate from this share of all its cores: with requests hopping between the load generator,
 * the worker and a D1 process, each waiting on the other's wake-up, a small machine never shows 100%.
 */
const MACHINE_SATURATED_PERCENT = 75;

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

const quiet = (r) => r.otherCpuPercent <= DISTURBED_PERCENT;

/**
 * One row per layout and route: medians over its rounds (the undisturbed ones, or all if every one was
 * disturbed); control database queries are summed, not medians.
 */
export function summarize(rows, { layouts, routes }) {
  const out = [];
  for (const route of routes) {
    for (const layout of layouts) {
      const mine = rows.filter((r) => r.layout === layout && r.route === route);
      if (mine.length === 0) continue;
      const use = mine.some(quiet) ? mine.filter(quiet) : mine;
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
        rounds: mine.length,
        quietRounds: mine.filter(quiet).length,
        rps: m((r) => r.rps),
        byProvince: Object.fromEntries(Object.keys(use[0].provinces).map((id) => [id, m((r) => r.provinces[id].rps)])),
        p50: m((r) => r.p50),
        p99: m((r) => r.p99),
        failures: mine.reduce((sum, r) => sum + r.failures, 0),
        requests: mine.reduce((sum, r) => sum + r.requests, 0),
        processes,
        d1CeilingRps: m((r) => r.d1CeilingRps),
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
    const quietPairs = pairs.filter(([a, b]) => quiet(a) && quiet(b));
    const use = quietPairs.length ? quietPairs : pairs;
    const ratio = (f) => {
      const v = use.map(([a, b]) => f(b) / f(a)).filter((x) => Number.isFinite(x));
      return v.length ? { median: median(v), min: Math.min(...v), max: Math.max(...v), pairs: v.length } : null;
    };
    const worker = (r) => r.processes.find((p) => p.role === "worker").msPerRequest;
    out.push({ route, rps: ratio((r) => r.rps), p99: ratio((r) => r.p99), workerMsPerRequest: ratio(worker), d1Ceiling: ratio((r) => r.d1CeilingRps) });
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
  const header = ["layout", "route", "req/s", ...provinceIds.map((id) => `${id} req/s`), "p50 ms", "p99 ms", "failed", "rounds (quiet)"];
  const lines = summary.map((s) => [
    LAYOUT_LABELS[s.layout],
    s.route,
    fmt(s.rps),
    ...provinceIds.map((id) => fmt(s.byProvince[id])),
    fmt(s.p50, 1),
    fmt(s.p99, 1),
    String(s.failures),
    `${s.rounds} (${s.quietRounds})`,
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
    lines.push(["", "", "everything else on the machine", fmt(s.otherCpuPercent), "", "", ""]);
  }
  return grid(header, lines, 3);
}

export function ratioTable(rs) {
  const header = ["route", "req/s 2 shards / 1 db", "p99", "worker CPU ms/req", "D1 side ceiling"];
  return grid(
    header,
    rs.map((r) => [r.route, fmtRatio(r.rps), fmtRatio(r.p99), fmtRatio(r.workerMsPerRequest), fmtRatio(r.d1Ceiling)]),
  );
}

/** What capped one summarized measurement: "machine", "worker", database names; "none" when nothing is saturated. */
export function caps(s, cores) {
  const found = [];
  if (s.machineCpuPercent / cores >= MACHINE_SATURATED_PERCENT) found.push("machine");
  for (const p of s.processes) if (p.role !== "control" && p.cpuPercent >= SATURATED_PERCENT) found.push(p.role === "worker" ? "worker" : p.name);
  return found.length ? found : ["none"];
}

function capsText(s, cores) {
  return caps(s, cores)
    .map((c) => {
      if (c === "machine")
        return `the machine (${fmt(s.machineCpuPercent / cores)}% of its ${cores} cores busy, ${fmt(s.otherCpuPercent)}% of a core not ours)`;
      if (c === "none") {
        return `no process and not the machine (${fmt(s.machineCpuPercent / cores)}% of its ${cores} cores busy): each request waits on its hops between processes; more --connections would show whether more fits`;
      }
      const p = s.processes.find((x) => (c === "worker" ? x.role === "worker" : x.name === c));
      return `${c === "worker" ? "the worker process" : `D1 ${c}`} (${fmt(p.cpuPercent)}% of a core)`;
    })
    .join(" and ");
}

/** The explanation printed with the figures: what capped each measurement, what the D1 side could do alone, and so what the ratio means. */
export function explain(summary, rs, { cores }) {
  const lines = [
    `What capped what (this machine: ${cores} cores, shared by the load generator, the worker, every D1 process and anything else running;` +
      " each workerd runs its JavaScript, and a D1 process its SQLite, on one thread, so one process tops out at one core):",
  ];
  for (const s of summary) lines.push(`- ${LAYOUT_LABELS[s.layout]}, ${s.route}: ${fmt(s.rps)} req/s, capped by ${capsText(s, cores)}.`);
  lines.push("The D1 side alone (each database process's rate ÷ its share of a core: what it could serve with a core to itself):");
  for (const r of rs) {
    const one = summary.find((s) => s.layout === "one-db" && s.route === r.route);
    const two = summary.find((s) => s.layout === "two-shards" && s.route === r.route);
    if (!one || !two) continue;
    const d1 = (s) => s.processes.filter((p) => p.role === "database");
    lines.push(
      `- ${r.route}: 1 database ~${fmt(one.d1CeilingRps)} req/s (${fmt(d1(one)[0].cpuPercent)}% of a core at ${fmt(one.rps)} req/s);` +
        ` 2 shards ${d1(two)
          .map((p) => `~${fmt(p.ceilingRps)}`)
          .join(" + ")} = ~${fmt(two.d1CeilingRps)} req/s (${fmtRatio(r.d1Ceiling)}). End to end: 2 shards / 1 database = ${fmtRatio(r.rps)}.`,
    );
  }
  const all = summary.flatMap((s) => caps(s, cores));
  const busy = summary.filter((s) => s.otherCpuPercent > DISTURBED_PERCENT);
  const so = [];
  if (summary.some((s) => s.layout === "one-db" && caps(s, cores).includes("one"))) {
    so.push("the one database's process capped the 1-database layout: that is the cap sharding lifts, and the end-to-end ratio shows what lifting it gave.");
  }
  if (all.includes("worker")) {
    so.push(
      "where the worker process capped a layout, the end-to-end rate is the worker's, not D1's: one isolate on one thread here, as many as traffic needs in production.",
    );
  }
  if (all.includes("machine")) {
    so.push(
      `where the machine capped a layout, its ${cores} cores were shared out between the worker, the D1 processes and the load generator:` +
        " the end-to-end ratio says how the CPU was shared, not what D1 can do.",
    );
  }
  if (busy.length) {
    so.push(
      `other processes took over ${DISTURBED_PERCENT}% of a core during ${busy.map((s) => `${s.layout}/${s.route}`).join(", ")}: when the machine is contended,` +
        " the layout with more processes also gets more of the scheduler's time, which flatters 2 shards; rerun on a quiet machine.",
    );
  }
  lines.push(`So: ${so.length ? so.join(" And ") : "nothing was saturated: the end-to-end ratio is latency's, with the connections given."}`);
  lines.push(
    "The D1 side's ceiling grows with each shard because each database is its own process serving its queries one at a time, as D1 does." +
      " In production the worker runs in as many isolates as traffic needs, on Cloudflare's machines, and each D1 database on its own:" +
      " the D1 ceiling is what sharding moves. A D1 process's ceiling here counts its CPU only (SQLite, the D1 Durable Object, its HTTP" +
      " server), measured while it was partly idle: a busier process spends less per query (fewer wake-ups per query), so the" +
      " ceiling is if anything low. Real D1 adds network and storage latency per query, which a database serving one query at a" +
      " time also pays in turn.",
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
