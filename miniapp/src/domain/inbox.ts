import type { InboxMessage } from "../api/types";

/** The newest message id: reading the inbox marks everything up to it read. Null when nothing is unread. */
export function readUpTo(messages: readonly Pick<InboxMessage, "id" | "readAt">[]): number | null {
  const unread = messages.filter((m) => m.readAt === null);
  return unread.length ? Math.max(...unread.map((m) => m.id)) : null;
}

/** A message the citizen should know did not reach them in Zalo (it is here all the same). */
export function notDelivered(message: Pick<InboxMessage, "delivery">): boolean {
  return message.delivery.status === "failed_permanent";
}

/** A message's button path, kept inside the mini app: only our own pages, never an address elsewhere. */
export function safeAppPath(path: string): string {
  return /^\/([a-z-]+(\/[a-z-]+)*)?(\?[^\s]*)?$/i.test(path) ? path : "/";
}
