import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { and, count, desc, eq, isNull, lte } from "drizzle-orm";
import { agencies, citizens, consents, deliveries, dossiers, follows, outbox, procedures } from "../db/schema";
import { ownerLookup, publicFields } from "../db/dossier-queries";
import { citizenDossierCode } from "../domain/citizen-code";
import { ownerDossierView, publicDossierView } from "../domain/dossier-view";
import { type MessageKind, type MessageParams, renderMessage } from "../domain/notifications";
import type { AppEnv, Db } from "../env";
import { ApiError } from "../errors";
import { ConsentBody, ConsentChannelParam, ConsentSchema, FollowBody, FollowedDossierSchema, InboxMessageSchema, MeSchema } from "../schemas/account";
import { DossierCodeParam, errorResponse, jsonBody, jsonContent } from "../schemas/common";
import { OwnerDossierSchema } from "../schemas/dossier";
import { encryptClientSecret } from "../security/client-secrets";
import { checkOwnerToken, ownerTokenKind } from "../security/tokens";
import { countingMalformedTokens } from "../security/zalo-token";
import { staffProfile } from "../services/staff";
import { validationHook } from "../validation";
import { loadZaloApp } from "../zalo/apps";
import { exchangePhoneToken, zaloEndpoints } from "../zalo/client";

const tags = ["Citizen account"];
const security = [{ citizenSession: [] }];
const unauthorized = errorResponse("No session, or it expired");

const getMe = createRoute({
  method: "get",
  path: "/v1/me",
  tags,
  security,
  summary: "The signed-in citizen: consents, followed dossiers, unread messages, staff link",
  responses: { 200: jsonContent(MeSchema, "The citizen"), 401: unauthorized },
});

const putConsent = createRoute({
  method: "put",
  path: "/v1/me/consents/{channel}",
  tags,
  security,
  summary: "Record consent to be messaged on a channel (miniapp: after requestSendNotification; zns: with the phone token)",
  request: { params: ConsentChannelParam, body: jsonBody(ConsentBody) },
  responses: {
    200: jsonContent(ConsentSchema, "The consent now in force"),
    400: errorResponse(
      "Bad input; zns without accessToken and phoneToken, or either with characters no Zalo token has (a malformed accessToken counts as a rejected one)",
    ),
    401: unauthorized,
    422: errorResponse("Zalo refused the phone token"),
    503: errorResponse("Zalo did not answer"),
  },
});

const deleteConsent = createRoute({
  method: "delete",
  path: "/v1/me/consents/{channel}",
  tags,
  security,
  summary: "Withdraw consent: no further message on that channel (for zns, the phone number is deleted)",
  request: { params: ConsentChannelParam },
  responses: { 204: { description: "Withdrawn" }, 401: unauthorized },
});

const listFollows = createRoute({
  method: "get",
  path: "/v1/me/follows",
  tags,
  security,
  summary: "Hồ sơ của tôi: followed dossiers with their live status",
  responses: { 200: jsonContent(z.object({ dossiers: z.array(FollowedDossierSchema) }), "Followed dossiers, newest first"), 401: unauthorized },
});

const postFollow = createRoute({
  method: "post",
  path: "/v1/me/follows",
  tags,
  security,
  summary: "Follow a dossier, proving ownership with its slip token or a view token",
  request: { body: jsonBody(FollowBody) },
  responses: {
    201: jsonContent(FollowedDossierSchema, "Now followed"),
    200: jsonContent(FollowedDossierSchema, "Already followed"),
    401: unauthorized,
    403: errorResponse("The token does not prove ownership of this dossier, or it belongs to another province"),
    404: errorResponse("No dossier with this code"),
  },
});

const deleteFollow = createRoute({
  method: "delete",
  path: "/v1/me/follows/{code}",
  tags,
  security,
  summary: "Stop following a dossier (no more messages about it)",
  request: { params: DossierCodeParam },
  responses: { 204: { description: "No longer followed" }, 401: unauthorized, 404: errorResponse("Not followed") },
});

const getFollowed = createRoute({
  method: "get",
  path: "/v1/me/dossiers/{code}",
  tags,
  security,
  summary: "The owner view of a followed dossier (what a message's button opens)",
  request: { params: DossierCodeParam },
  responses: { 200: jsonContent(OwnerDossierSchema, "Owner view"), 401: unauthorized, 404: errorResponse("Not followed by this citizen") },
});

const getInbox = createRoute({
  method: "get",
  path: "/v1/me/inbox",
  tags,
  security,
  summary: "Every message sent to the citizen, newest first, with its delivery status",
  request: {
    query: z.object({
      before: z.coerce.number().int().positive().optional().openapi({ description: "Page: messages with id below this" }),
    }),
  },
  responses: {
    200: jsonContent(z.object({ messages: z.array(InboxMessageSchema), unread: z.number().int() }), "Messages"),
    401: unauthorized,
  },
});

const readInbox = createRoute({
  method: "post",
  path: "/v1/me/inbox/read",
  tags,
  security,
  summary: "Mark messages read up to an id (inclusive)",
  request: { body: jsonBody(z.object({ upToId: z.number().int().positive() })) },
  responses: { 204: { description: "Marked" }, 401: unauthorized },
});

const notFollowed = () => new ApiError(404, "not_followed", "Ông/bà chưa theo dõi hồ sơ này.", undefined, "this citizen does not follow that dossier");
const PAGE = 50;

async function openConsents(db: Db, citizenId: number) {
  const rows = await db
    .select()
    .from(consents)
    .where(and(eq(consents.citizenId, citizenId), isNull(consents.withdrawnAt)))
    .orderBy(desc(consents.id));
  const pick = (channel: "miniapp" | "zns") => {
    const row = rows.find((r) => r.channel === channel);
    return row ? { channel: row.channel, purpose: row.purpose, wording: row.wording, grantedAt: row.grantedAt } : null;
  };
  return { miniapp: pick("miniapp"), zns: pick("zns") };
}

function followedSelect(db: Db) {
  return db
    .select({
      ...publicFields,
      procedureCode: dossiers.procedureCode,
      procedureName: procedures.name,
      followedAt: follows.createdAt,
    })
    .from(follows)
    .innerJoin(dossiers, eq(dossiers.code, follows.dossierCode))
    .leftJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .leftJoin(procedures, and(eq(procedures.provinceId, dossiers.provinceId), eq(procedures.code, dossiers.procedureCode)));
}

type FollowedRow = Awaited<ReturnType<ReturnType<typeof followedSelect>["all"]>>[number];

function followedView(row: FollowedRow, now: Date) {
  const { view: _view, ...publicView } = publicDossierView(row, now);
  return { ...publicView, followedAt: row.followedAt, procedure: { code: row.procedureCode, name: row.procedureName } };
}

export const meRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(getMe, async (c) => {
    const { citizenId, provinceId } = c.var.session;
    const db = c.var.db;
    const [citizen, consentsNow, followed, unread, staff] = await Promise.all([
      db.select({ phone: citizens.phoneCiphertext }).from(citizens).where(eq(citizens.id, citizenId)).limit(1),
      openConsents(db, citizenId),
      db.select({ n: count() }).from(follows).where(eq(follows.citizenId, citizenId)),
      db
        .select({ n: count() })
        .from(deliveries)
        .where(and(eq(deliveries.citizenId, citizenId), isNull(deliveries.readAt))),
      staffProfile(db, citizenId),
    ]);
    return c.json(
      {
        provinceId,
        consents: consentsNow,
        phoneShared: Boolean(citizen[0]?.phone),
        followedDossiers: followed[0]?.n ?? 0,
        unreadMessages: unread[0]?.n ?? 0,
        staff,
      },
      200,
    );
  })
  .openapi(
    putConsent,
    async (c) => {
      const { channel } = c.req.valid("param");
      const body = c.req.valid("json");
      const { citizenId, provinceId } = c.var.session;
      const db = c.var.db;
      const at = new Date().toISOString();
      let phoneCiphertext: string | null = null;
      if (channel === "zns") {
        if (!body.accessToken || !body.phoneToken) {
          throw new ApiError(
            400,
            "phone_required",
            "Cần cho phép ứng dụng lấy số điện thoại để nhận tin nhắn ZNS.",
            "phoneToken",
            "zns consent needs accessToken and phoneToken",
          );
        }
        const app = await loadZaloApp(db, c.env.SERVER_SECRET, provinceId);
        if (!app) throw new ApiError(404, "zalo_app_not_configured", "Tỉnh này chưa kết nối với Zalo.");
        const phone = await exchangePhoneToken(zaloEndpoints(c.env), app.appSecret, body.accessToken, body.phoneToken);
        if (!phone.ok) {
          if (phone.kind === "unavailable")
            throw new ApiError(503, "zalo_unavailable", "Zalo đang không phản hồi. Vui lòng thử lại sau ít phút.", undefined, phone.reason);
          throw new ApiError(422, "phone_token_rejected", "Không lấy được số điện thoại từ Zalo. Vui lòng thử lại.", "phoneToken", phone.reason);
        }
        phoneCiphertext = await encryptClientSecret(c.env.SERVER_SECRET, `phone:${citizenId}`, phone.phone);
      }
      // A new grant replaces any open one on the channel: the history keeps both, with times.
      await db.batch([
        db
          .update(consents)
          .set({ withdrawnAt: at })
          .where(and(eq(consents.citizenId, citizenId), eq(consents.channel, channel), isNull(consents.withdrawnAt))),
        db.insert(consents).values({ citizenId, channel, purpose: body.purpose, wording: body.wording, grantedAt: at }),
        ...(phoneCiphertext ? [db.update(citizens).set({ phoneCiphertext, phoneVerifiedAt: at }).where(eq(citizens.id, citizenId))] : []),
      ]);
      return c.json({ channel, purpose: body.purpose, wording: body.wording, grantedAt: at }, 200);
    },
    countingMalformedTokens((c) => `citizen:${c.var.session.citizenId}`),
  )
  .openapi(deleteConsent, async (c) => {
    const { channel } = c.req.valid("param");
    const { citizenId } = c.var.session;
    const db = c.var.db;
    const at = new Date().toISOString();
    await db.batch([
      db
        .update(consents)
        .set({ withdrawnAt: at })
        .where(and(eq(consents.citizenId, citizenId), eq(consents.channel, channel), isNull(consents.withdrawnAt))),
      ...(channel === "zns" ? [db.update(citizens).set({ phoneCiphertext: null, phoneVerifiedAt: null }).where(eq(citizens.id, citizenId))] : []),
    ]);
    return c.body(null, 204);
  })
  .openapi(listFollows, async (c) => {
    const now = new Date();
    const rows = await followedSelect(c.var.db).where(eq(follows.citizenId, c.var.session.citizenId)).orderBy(desc(follows.createdAt)).limit(200);
    return c.json({ dossiers: rows.map((r) => followedView(r, now)) }, 200);
  })
  .openapi(postFollow, async (c) => {
    const body = c.req.valid("json");
    const code = citizenDossierCode(body.code);
    const { citizenId, provinceId } = c.var.session;
    const db = c.var.db;
    const now = new Date();
    const check = await checkOwnerToken(c.env.SERVER_SECRET, code, body.t, now.getTime());
    if (check !== "valid") {
      throw new ApiError(
        403,
        check === "expired" ? "token_expired" : "invalid_token",
        check === "expired"
          ? "Phiên xem hồ sơ đã hết hạn. Vui lòng nhập lại 4 số cuối CCCD/CMND rồi bấm theo dõi."
          : "Chỉ chủ hồ sơ mới theo dõi được: vui lòng quét mã QR trên giấy hẹn hoặc nhập 4 số cuối CCCD/CMND.",
        "t",
      );
    }
    const [dossier] = await db.select({ provinceId: dossiers.provinceId }).from(dossiers).where(eq(dossiers.code, code)).limit(1);
    if (!dossier) throw new ApiError(404, "dossier_not_found", "Không tìm thấy hồ sơ với mã này.");
    if (dossier.provinceId !== provinceId) {
      throw new ApiError(403, "other_province", "Hồ sơ này thuộc tỉnh khác. Vui lòng theo dõi trong ứng dụng của tỉnh đó.");
    }
    const inserted = await db
      .insert(follows)
      .values({ citizenId, dossierCode: code, provinceId, proof: ownerTokenKind(body.t), createdAt: now.toISOString() })
      .onConflictDoNothing()
      .returning({ code: follows.dossierCode });
    const [row] = await followedSelect(db)
      .where(and(eq(follows.citizenId, citizenId), eq(follows.dossierCode, code)))
      .limit(1);
    return c.json(followedView(row!, now), inserted.length > 0 ? 201 : 200);
  })
  .openapi(deleteFollow, async (c) => {
    const code = citizenDossierCode(c.req.valid("param").code);
    const removed = await c.var.db
      .delete(follows)
      .where(and(eq(follows.citizenId, c.var.session.citizenId), eq(follows.dossierCode, code)))
      .returning({ code: follows.dossierCode });
    if (removed.length === 0) throw notFollowed();
    return c.body(null, 204);
  })
  .openapi(getFollowed, async (c) => {
    const code = citizenDossierCode(c.req.valid("param").code);
    const [follow] = await c.var.db
      .select({ code: follows.dossierCode })
      .from(follows)
      .where(and(eq(follows.citizenId, c.var.session.citizenId), eq(follows.dossierCode, code)))
      .limit(1);
    if (!follow) throw notFollowed();
    const record = await ownerLookup(c.env.DB, code);
    if (!record) throw notFollowed();
    const { applicantFactorHash: _hash, ...owner } = record;
    return c.json(ownerDossierView(owner, new Date()), 200);
  })
  .openapi(getInbox, async (c) => {
    const { before } = c.req.valid("query");
    const { citizenId } = c.var.session;
    const db = c.var.db;
    const mine = eq(deliveries.citizenId, citizenId);
    const [rows, unread] = await Promise.all([
      db
        .select({
          id: deliveries.id,
          channel: deliveries.channel,
          status: deliveries.status,
          sentAt: deliveries.sentAt,
          lastError: deliveries.lastError,
          readAt: deliveries.readAt,
          createdAt: deliveries.createdAt,
          kind: outbox.kind,
          params: outbox.params,
          dossierCode: outbox.dossierCode,
        })
        .from(deliveries)
        .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
        .where(before ? and(mine, lte(deliveries.id, before - 1)) : mine)
        .orderBy(desc(deliveries.id))
        .limit(PAGE),
      db
        .select({ n: count() })
        .from(deliveries)
        .where(and(mine, isNull(deliveries.readAt))),
    ]);
    const messages = rows.map((r) => {
      const rendered = renderMessage(r.kind as MessageKind, r.params as MessageParams);
      return {
        id: r.id,
        kind: r.kind as MessageKind,
        dossierCode: r.dossierCode,
        ...rendered,
        createdAt: r.createdAt,
        readAt: r.readAt,
        delivery: { channel: r.channel, status: r.status, sentAt: r.sentAt, lastError: r.lastError },
      };
    });
    return c.json({ messages, unread: unread[0]?.n ?? 0 }, 200);
  })
  .openapi(readInbox, async (c) => {
    const { upToId } = c.req.valid("json");
    await c.var.db
      .update(deliveries)
      .set({ readAt: new Date().toISOString() })
      .where(and(eq(deliveries.citizenId, c.var.session.citizenId), lte(deliveries.id, upToId), isNull(deliveries.readAt)));
    return c.body(null, 204);
  });
