/**
 * What motcua holds about one signed-in citizen, gathered for them to read and to take away (Decree 13/2023 and
 * Law 91/2025: the right to know and to obtain one's data). Keyed only on the session's citizen, never on an id
 * the client sends; the Zalo id itself is not sent back (it is Zalo's, and the citizen has it).
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { citizenCommunes, citizens, communes, consents, deliveries, feedback, follows, outbox, questions, ratings } from "../db/schema";
import { type MessageKind, type MessageParams, renderMessage } from "../domain/notifications";
import type { Db } from "../env";
import { decryptClientSecret } from "../security/client-secrets";
import { type MediaContext, ownerFeedbackView, selectFeedback } from "./feedback";
import { ratingView } from "./ratings";
import { staffProfile } from "./staff";

export async function collectMyData(db: Db, serverSecret: string, citizenId: number, media: MediaContext) {
  const [[account], followed, consentHistory, messages, rated, asked, sent, staff, chosen] = await Promise.all([
    db.select().from(citizens).where(eq(citizens.id, citizenId)).limit(1),
    db.select().from(follows).where(eq(follows.citizenId, citizenId)).orderBy(desc(follows.createdAt)),
    db.select().from(consents).where(eq(consents.citizenId, citizenId)).orderBy(asc(consents.id)),
    db
      .select({ delivery: deliveries, kind: outbox.kind, params: outbox.params, subject: outbox.dossierCode })
      .from(deliveries)
      .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
      .where(eq(deliveries.citizenId, citizenId))
      .orderBy(desc(deliveries.id)),
    db.select().from(ratings).where(eq(ratings.citizenId, citizenId)).orderBy(desc(ratings.createdAt)),
    db.select().from(questions).where(eq(questions.citizenId, citizenId)).orderBy(desc(questions.id)),
    selectFeedback(db).where(eq(feedback.citizenId, citizenId)).orderBy(desc(feedback.id)),
    staffProfile(db, citizenId),
    db
      .select({ code: citizenCommunes.communeCode, name: communes.name, purpose: citizenCommunes.purpose, chosenAt: citizenCommunes.createdAt })
      .from(citizenCommunes)
      .leftJoin(communes, and(eq(communes.provinceId, citizenCommunes.provinceId), eq(communes.code, citizenCommunes.communeCode)))
      .where(eq(citizenCommunes.citizenId, citizenId))
      .orderBy(asc(citizenCommunes.createdAt)),
  ]);
  if (!account) return null;
  const phone = account.phoneCiphertext ? await decryptClientSecret(serverSecret, `phone:${citizenId}`, account.phoneCiphertext) : null;
  return {
    exportedAt: new Date(media.nowMs).toISOString(),
    account: {
      provinceId: account.provinceId,
      firstSignedInAt: account.createdAt,
      lastSeenAt: account.lastSeenAt,
      phone,
      phoneVerifiedAt: account.phoneVerifiedAt,
    },
    follows: followed.map((f) => ({ dossierCode: f.dossierCode, proof: f.proof, followedAt: f.createdAt })),
    consents: consentHistory.map((c) => ({ channel: c.channel, purpose: c.purpose, wording: c.wording, grantedAt: c.grantedAt, withdrawnAt: c.withdrawnAt })),
    messages: messages.map(({ delivery: d, kind, params, subject }) => {
      const { title, body } = renderMessage(kind as MessageKind, params as MessageParams);
      return {
        kind: kind as MessageKind,
        subject,
        title,
        body,
        createdAt: d.createdAt,
        readAt: d.readAt,
        delivery: { channel: d.channel, status: d.status, attempts: d.attempts, sentAt: d.sentAt, lastError: d.lastError },
      };
    }),
    ratings: rated.map(ratingView),
    questions: asked.map((q) => ({
      id: q.id,
      dossierCode: q.dossierCode,
      text: q.text,
      status: q.status,
      answer: q.answer,
      askedAt: q.createdAt,
      answeredAt: q.answeredAt,
    })),
    feedback: await Promise.all(sent.map((r) => ownerFeedbackView(r, media))),
    staff,
    communes: chosen.map((c) => ({ code: c.code, name: c.name ?? c.code, purpose: c.purpose, chosenAt: c.chosenAt })),
  };
}
