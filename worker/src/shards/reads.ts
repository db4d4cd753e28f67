/**
 * Reads that scale: the public dossier lookup reads through D1's Sessions API, so a deployment with read replicas
 * serves it from the nearest one. A session started "first-unconstrained" may read a replica a little behind the
 * primary; one started from a bookmark reads nothing older than that bookmark. Every lookup answers with its
 * session's bookmark (`X-Motcua-Bookmark`), and the mini app sends the latest it holds back, so a citizen never
 * sees a dossier go back in time. Owner views (the slip's token, the unlock, a signed-in follower's) read the
 * primary: they are what a citizen opens after being told of an event, and must show it. Writes stay on the primary.
 */
import type { Context } from "hono";
import type { AppEnv, D1Reader } from "../env";

export const BOOKMARK_HEADER = "x-motcua-bookmark";

/** A D1 bookmark as the client sends it back: opaque, short, printable. */
const BOOKMARK = /^[\w.:+/=-]{1,200}$/;

/** The public reads' session on the request's shard (started on first use), its bookmark sent with the answer. */
export function openReader(c: Context<AppEnv>): () => D1Reader {
  let session: D1DatabaseSession | null = null;
  return () => {
    if (session) return session;
    const given = c.req.header(BOOKMARK_HEADER);
    const d1 = c.env.DB;
    session = d1.withSession(given && BOOKMARK.test(given) ? given : "first-unconstrained");
    const opened = session;
    // Set after the handler ran its reads: hono merges headers set on the context into the response.
    c.set("readerBookmark", () => opened.getBookmark());
    return opened;
  };
}
