import type { Hook } from "@hono/zod-openapi";
import type { AppEnv } from "./env";
import { validationError } from "./errors";

/** Every route's zod failures become the contract's error shape (400). */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (!result.success) return validationError(c, result.error);
};
