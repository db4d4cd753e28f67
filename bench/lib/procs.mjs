// Process bookkeeping: /proc CPU sampling, finding workerd children, starting and stopping wrangler dev.
import { execFileSync, spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
} catch {
  // 100 on every Linux this runs on
}

/** Parses /proc/<pid>/stat; null when the process is gone. comm may contain spaces and parentheses. */
export function readStat(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  const close = text.lastIndexOf(")");
  const comm = text.slice(text.indexOf("(") + 1, close);
  const fields = text.slice(close + 2).split(" ");
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  return { pid, comm, ppid: Number(fields[1]), utime: Number(fields[11]), stime: Number(fields[12]) };
}

/** CPU time (user + system, all threads) of a process in milliseconds; null when it is gone. */
export function cpuMs(pid) {
  const s = readStat(pid);
  return s ? ((s.utime + s.stime) * 1000) / clockTicks : null;
}

/** Sum of cpuMs over pids (gone processes count as 0). */
export function cpuMsOf(pids) {
  return pids.reduce((sum, pid) => sum + (cpuMs(pid) ?? 0), 0);
}

/**
 * Busy CPU time of the whole machine in milliseconds (all cores, from the first line of /proc/stat), so a run
 * can tell how much CPU other processes took while it measured.
 */
export function machineBusyMs() {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / clockTicks;
}

/** All descendants of `rootPid` (any depth), as readStat objects. */
export function descendants(rootPid) {
  const all = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readStat(Number(entry));
    if (s) all.push(s);
  }
  const out = [];
  const parents = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of all) {
      if (parents.has(s.ppid) && !parents.has(s.pid)) {
        parents.add(s.pid);
        out.push(s);
        grew = true;
      }
    }
  }
  return out;
}

export function workerdDescendants(rootPid) {
  return descendants(rootPid)
    .filter((s) => s.comm === "workerd")
    .map((s) => s.pid);
}

/** Waits until `fn` returns a truthy value, polling; throws after timeoutMs. */
export async function waitUntil(fn, { timeoutMs = 60_000, intervalMs = 200, what = "condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? `: ${lastError.message}` : ""}`);
}

/**
 * Starts a command in its own process group (so the whole tree can be signalled), output to `logFile`.
 * Returns { child, pid, exited (promise), output() (last lines) }.
 */
export function startGroup(command, args, { cwd, env, logFile }) {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const log = createWriteStream(logFile);
  let tail = "";
  const collect = (d) => {
    log.write(d);
    tail = (tail + d).slice(-8000);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  child.once("exit", () => log.end());
  return { child, pid: child.pid, exited, output: () => tail };
}

/** SIGTERM to the process group, SIGKILL after graceMs; resolves when the leader has exited. */
export async function stopGroup(proc, graceMs = 5000) {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const signal = (sig) => {
    try {
      process.kill(-proc.pid, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await proc.exited;
  clearTimeout(timer);
  // Anything left in the group (workerd) goes too.
  signal("SIGKILL");
}

/** Synchronous last resort for process 'exit': kill groups and single pids we started. */
export function killNow({ groups = [], pids = [] }) {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // gone
    }
  }
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
}

/**
 * On a shared machine: waits (at most maxWaitMs) until the whole machine has used less than thresholdPercent of
 * one core over a second, while our own processes are idle. Returns the last reading (percent of one core).
 */
export async function waitForQuiet({ maxWaitMs, thresholdPercent = 25 }) {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const m0 = machineBusyMs();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 1000));
    const percent = ((machineBusyMs() - m0) / (performance.now() - t0)) * 100;
    if (percent < thresholdPercent || Date.now() >= deadline) return percent;
  }
}

/** A process and everything in its tree that is not workerd: the host side of a local server (node, npm, esbuild). */
export function hostTree(pid) {
  return [
    pid,
    ...descendants(pid)
      .filter((s) => s.comm !== "workerd")
      .map((s) => s.pid),
  ];
}
