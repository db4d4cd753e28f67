/**
 * Workers allow six simultaneous outgoing connections per invocation; more requests than that wait inside the
 * runtime. A pool shared by everything one invocation sends keeps exactly that many requests to Zalo in flight, so
 * a consumer handling several groups at once never queues requests behind each other's slow ones.
 */
export const MAX_CONNECTIONS = 6;

export type ConnectionPool = <T>(send: () => Promise<T>) => Promise<T>;

export function connectionPool(limit = MAX_CONNECTIONS): ConnectionPool {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (send) => {
    if (active < limit) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await send();
    } finally {
      // Hand the connection straight to the next waiting send, or give it back.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
