/**
 * The citizen's privacy rights: what the API holds about them, and erasing it, through the signed-in typed client
 * (the answers' types come from the worker's routes).
 */
import { signedIn, signOut } from "./account";
import { answer } from "./client";

/** Everything held about the signed-in citizen (GET /v1/me/data). */
export const getMyData = () => answer(signedIn.v1.me.data.$get());

export type MyData = Awaited<ReturnType<typeof getMyData>>;

/** Erases the signed-in citizen (DELETE /v1/me); the session on this phone goes with the account. */
export async function eraseMyData() {
  const erased = await answer(signedIn.v1.me.$delete());
  await signOut();
  return erased;
}

export type Erasure = Awaited<ReturnType<typeof eraseMyData>>;
