import { z } from "@hono/zod-openapi";
import { COMMUNE_PURPOSES, CONSENT_CHANNELS, DELIVERY_STATUSES } from "../db/schema";
import { MESSAGE_KINDS } from "../domain/notifications";
import { StaffProfileSchema } from "./account";
import { FeedbackSchema, RatingSchema } from "./voice";

const At = z.string().openapi({ format: "date-time" });

/** Everything motcua holds about the signed-in citizen (Decree 13/2023: the right to know and to obtain it). */
export const MyDataSchema = z
  .object({
    exportedAt: At,
    account: z
      .object({
        provinceId: z.string(),
        firstSignedInAt: At,
        lastSeenAt: At,
        phone: z.string().nullable().openapi({ description: "The phone number kept (encrypted) for ZNS messages, if the citizen shared it" }),
        phoneVerifiedAt: At.nullable(),
      })
      .openapi({ description: "The account Zalo vouched for; the Zalo id itself is never sent back" }),
    follows: z.array(z.object({ dossierCode: z.string(), proof: z.enum(["slip", "view"]), followedAt: At })),
    consents: z
      .array(z.object({ channel: z.enum(CONSENT_CHANNELS), purpose: z.string(), wording: z.string(), grantedAt: At, withdrawnAt: At.nullable() }))
      .openapi({ description: "Every grant and withdrawal, oldest first" }),
    messages: z
      .array(
        z.object({
          kind: z.enum(MESSAGE_KINDS),
          subject: z.string().openapi({ description: "The dossier code or the feedback reference the message is about" }),
          title: z.string(),
          body: z.string(),
          createdAt: At,
          readAt: At.nullable(),
          delivery: z.object({
            channel: z.string(),
            status: z.enum(DELIVERY_STATUSES),
            attempts: z.number().int(),
            sentAt: At.nullable(),
            lastError: z.string().nullable(),
          }),
        }),
      )
      .openapi({ description: "Every message to the citizen, newest first, with how its delivery through Zalo went" }),
    ratings: z.array(RatingSchema),
    questions: z.array(
      z.object({
        id: z.number().int(),
        dossierCode: z.string(),
        text: z.string(),
        status: z.enum(["open", "answered"]),
        answer: z.string().nullable(),
        askedAt: At,
        answeredAt: At.nullable(),
      }),
    ),
    feedback: z.array(FeedbackSchema).openapi({ description: "With photos as signed links that expire" }),
    staff: StaffProfileSchema.nullable().openapi({ description: "The officer this Zalo account is linked to, if any" }),
    communes: z
      .array(z.object({ code: z.string(), name: z.string(), purpose: z.enum(COMMUNE_PURPOSES), chosenAt: At }))
      .openapi({ description: "Communes the citizen chose to hear the province's alerts and news for, and why" }),
  })
  .openapi("MyData");

export const ErasureSchema = z
  .object({
    erasedAt: At,
    removed: z.object({
      follows: z.number().int(),
      consents: z.number().int(),
      messages: z.number().int(),
      questions: z.number().int(),
      feedback: z.number().int(),
      photos: z.number().int(),
      staffLink: z.number().int(),
      communes: z.number().int().openapi({ description: "Communes chosen for alerts and news" }),
    }),
    ratingsKeptAnonymously: z.number().int().openapi({ description: "Ratings still counted in the province's figures, no longer tied to anyone" }),
  })
  .openapi("Erasure");
