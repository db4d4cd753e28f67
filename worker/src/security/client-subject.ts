import type { Context } from "hono";
import type { AppEnv, Env } from "../env";
import { checkSession } from "./session";

/**
 * Who is asking, for per-client throttles.
 *
 * - A verified session (our own token, issued after Zalo vouched for the citizen): the citizen. Many people share
 *   one carrier-grade NAT address; each keeps their own bucket once signed in.
 * - Otherwise the address Cloudflare vouches for: `CF-Connecting-IP`, which Cloudflare's edge sets itself, but only
 *   when CLIENT_ADDRESS_SOURCE is "cloudflare" and the request came through the edge (`request.cf`). `wrangler dev`
 *   also adds `request.cf` yet passes a client's own `CF-Connecting-IP` through, so local runs set the variable to
 *   "none" and everyone shares one bucket: a header anyone can send never makes a fresh bucket.
 * - IPv4 addresses key on the whole address; IPv6 on the /64, the smallest block an ISP hands one subscriber.
 */
export async function clientSubject(c: Context<AppEnv>): Promise<string> {
  const session = c.get("session") ?? (await bearerSession(c));
  if (session) return `citizen:${session.citizenId}`;
  return addressSubject(c.req.raw, c.env);
}

/** The address part alone: for routes where a session means nothing (authentication itself). */
export function addressSubject(request: Request, env: Pick<Env, "CLIENT_ADDRESS_SOURCE">): string {
  if (env.CLIENT_ADDRESS_SOURCE !== "cloudflare") return "ip:local";
  const header = request.headers.get("cf-connecting-ip");
  if (!header) return "ip:local";
  // `cf` is Workers' own addition to Request (the mini app, which type-checks these routes, knows only the DOM's);
  // read last: the runtime builds it on first access.
  const viaEdge = (request as Request & { cf?: object }).cf !== undefined;
  return viaEdge ? `ip:${addressBucket(header)}` : "ip:local";
}

async function bearerSession(c: Context<AppEnv>) {
  const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
  if (!token) return undefined;
  const check = await checkSession(c.env.SERVER_SECRET, token, Date.now());
  return check.ok ? check.session : undefined;
}

/** An address's bucket: IPv4 whole, IPv6 by its /64 (IPv4-mapped IPv6 as the IPv4 it is); anything else one bucket. */
export function addressBucket(address: string): string {
  const text = address.trim().toLowerCase();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return text;
  const groups = ipv6Groups(text);
  if (!groups) return "unparsed";
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted IPv4), or null when it is not one. */
function ipv6Groups(text: string): number[] | null {
  if (!/^[0-9a-f:.]{2,45}$/.test(text)) return null;
  let body = text;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const bytes = dotted[2]!.split(".").map(Number);
    if (bytes.some((b) => b > 255)) return null;
    tail.push((bytes[0]! << 8) | bytes[1]!, (bytes[2]! << 8) | bytes[3]!);
    body = dotted[1]!.endsWith("::") ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const missing = 8 - tail.length - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest].map((g) => parseInt(g, 16)).concat(tail);
}
