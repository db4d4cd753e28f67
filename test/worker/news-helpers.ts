/** Provinces with staff for the news tests: a province admin, an officer to give rights to, and signed-in sessions. */
import { expect } from "vitest";
import { createProvince, integration, type Client } from "./helpers";
import { connectZalo, linkStaff } from "./zalo-helpers";

export type NewsProvince = { id: string; agency: string; app: string; client: Client; admin: string; writer: string };

export async function newsProvince(id: string, unit: string, app: string): Promise<NewsProvince> {
  const agency = `000.00.${unit.slice(1)}.${unit}`;
  const client = await createProvince(id, agency);
  await connectZalo(id, app);
  for (const [officerId, role] of [
    ["cb-admin", "province_admin"],
    ["cb-writer", "officer"],
  ]) {
    const res = await integration(client, "PUT", `/v1/integration/officers/${officerId}`, {
      displayName: `Cán bộ ${officerId}`,
      departmentId: `tp-${agency}`,
      role,
    });
    expect(res.status).toBe(200);
  }
  const admin = await linkStaff(client, id, app, "cb-admin", `${id}-admin`);
  const writer = await linkStaff(client, id, app, "cb-writer", `${id}-writer`);
  return { id, agency, app, client, admin, writer };
}

export const NEWS = {
  title: "Từ 1/7, người dân làm căn cước tại xã, phường nơi cư trú",
  summary: "Công an xã, phường nhận hồ sơ cấp căn cước cho người dân từ 14 tuổi trở lên.",
  body: "Từ ngày 1/7, công an cấp xã nhận hồ sơ cấp căn cước.\n\nXem thủ tục tại https://dichvucong.gov.vn/p/home.",
  category: "thong-bao",
} as const;
