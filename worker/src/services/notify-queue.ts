/** What the notification pipeline's parts share: the queues, the retry schedule, the group sizes. */
import type { Env, NotifyMessage } from "../env";

/** Followers handled per fanout message, and deliveries per deliver message (a consumer batch of 10 messages then
 * sends at most 500 requests, well under the Workers subrequest limit of 10,000). */
export const FANOUT_PAGE = 500;
export const DELIVER_GROUP = 50;
/** A fan-out of this many pages or fewer runs where it was dispatched; a larger one goes to the queue page by page
 * (then at least a full consumer batch of pages, which the queue hands over at once). */
export const INLINE_PAGES = 10;
/** Messages of one batch (and groups of one page) handled at once: while one waits on D1, another's requests keep
 * Zalo busy. */
export const BATCH_CONCURRENCY = 2;
/** Cloudflare Queues: at most 100 messages per sendBatch, delays up to 12 hours. */
const SEND_BATCH_MAX = 100;
const MAX_DELAY_SECONDS = 12 * 60 * 60;

export function notifySettings(env: Pick<Env, "NOTIFY_MAX_ATTEMPTS" | "NOTIFY_RETRY_BASE_SECONDS">) {
  const attempts = Number(env.NOTIFY_MAX_ATTEMPTS);
  const base = Number(env.NOTIFY_RETRY_BASE_SECONDS);
  return {
    maxAttempts: Number.isInteger(attempts) && attempts > 0 ? attempts : 6,
    retryBaseSeconds: Number.isFinite(base) && base >= 0 ? base : 30,
  };
}

/** The delay before attempt `attempts + 1`: base × 2^(attempts−1), at least what Zalo asked for, at most 12 h. */
export function retryDelaySeconds(attempts: number, baseSeconds: number, retryAfterSeconds?: number): number {
  const backoff = baseSeconds * 2 ** Math.max(0, attempts - 1);
  return Math.min(MAX_DELAY_SECONDS, Math.ceil(Math.max(backoff, retryAfterSeconds ?? 0)));
}

export async function sendAll(queue: Queue<NotifyMessage>, messages: NotifyMessage[], delaySeconds?: number) {
  for (let i = 0; i < messages.length; i += SEND_BATCH_MAX) {
    const chunk = messages.slice(i, i + SEND_BATCH_MAX).map((body) => ({ body, ...(delaySeconds ? { delaySeconds } : {}) }));
    await queue.sendBatch(chunk);
  }
}

/** Deliver messages for these ids, DELIVER_GROUP at a time; `at`: the clock they are planned by (see deliver). */
export function deliverMessages(ids: number[], at?: number): NotifyMessage[] {
  const messages: NotifyMessage[] = [];
  for (let i = 0; i < ids.length; i += DELIVER_GROUP) {
    messages.push({ type: "deliver", deliveryIds: ids.slice(i, i + DELIVER_GROUP), ...(at ? { at } : {}) });
  }
  return messages;
}

/** Emergency alerts take the urgent queue, ahead of every dossier message and news post. */
export const queueFor = (env: Pick<Env, "NOTIFY_QUEUE" | "NOTIFY_URGENT_QUEUE">, urgent: boolean) => (urgent ? env.NOTIFY_URGENT_QUEUE : env.NOTIFY_QUEUE);

type Page = { after: number; upTo: number | null };

/**
 * A planned fan-out's pages, from the last recipient id of every full page: run here one after another when asked
 * to and they are few, else enqueued as fan-out messages for consumers to take in parallel.
 */
export async function runOrEnqueuePages(
  queue: Queue<NotifyMessage>,
  outboxId: number,
  ends: { id: number }[],
  inline: boolean,
  run: (page: Page) => Promise<void>,
): Promise<void> {
  const bounds = [0, ...ends.map((e) => e.id)];
  const pages: Page[] = bounds.map((after, i) => ({ after, upTo: bounds[i + 1] ?? null }));
  if (inline && pages.length <= INLINE_PAGES) {
    for (const page of pages) await run(page);
    return;
  }
  await sendAll(
    queue,
    pages.map((page) => ({ type: "fanout", outboxId, page })),
  );
}

/** Runs `fn` over `items`, at most `concurrency` at a time, in order of start. */
export async function eachConcurrently<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
