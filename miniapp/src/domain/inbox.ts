import type { InboxMessage } from "../api/types";

/** The newest message id: reading the inbox marks everything up to it read. Null when nothing is unread. */
export function readUpTo(messages: readonly Pick<InboxMessage, "id" | "readAt">[]): number | null {
  const unread = messages.filter((m) => m.readAt === null);
  return unread.length ? Math.max(...unread.map((m) => m.id)) : null;
}

/** A message the citizen should know did not reach them in Zalo (it is here all the same): Zalo refused it, or no
 * channel could reach them (no consent, not seen for a week, the day's quota spent). */
export function notDelivered(message: Pick<InboxMessage, "delivery">): boolean {
  return message.delivery.status === "failed_permanent" || message.delivery.status === "in_app";
}

/** A message's button path, kept inside the mini app: only our own pages, never an address elsewhere. */
export function safeAppPath(path: string): string {
  return /^\/([a-z-]+(\/[a-z-]+)*)?(\?[^\s]*)?$/i.test(path) ? path : "/";
}
