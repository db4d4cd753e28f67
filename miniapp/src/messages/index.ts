/**
 * Every word the citizen reads, in Vietnamese, in one place. Addressing the reader as "ông/bà" is how public
 * services speak to citizens; sentences are short and say what to do next.
 */
import { accountMessages } from "./account";
import { appMessages } from "./app";
import { broadcastMessages } from "./broadcasts";
import { dossierMessages } from "./dossier";
import { lookupMessages } from "./lookup";
import { placesMessages } from "./places";
import { privacyMessages } from "./privacy";
import { voiceMessages } from "./voice";

/** Every string, by concern in the files beside this one, assembled into the one object the app reads. */
export const messages = {
  ...appMessages,
  ...lookupMessages,
  ...dossierMessages,
  ...placesMessages,
  ...accountMessages,
  ...voiceMessages,
  ...privacyMessages,
  ...broadcastMessages,
} as const;

export type Messages = typeof messages;
