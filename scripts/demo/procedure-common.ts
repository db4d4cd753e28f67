import type { Desk } from "./province";
import type { ProcedureRequest } from "./types";

export type DemoProcedure = {
  code: string;
  /** The desk that handles it, and at which level it is filed (the provincial centre, communes, or both). */
  desk: Desk;
  filedAt: ("province" | "commune")[];
  request: ProcedureRequest;
};

export const ONLINE = "hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)";
export const COMMUNE_CENTRE = "Trung tâm Phục vụ hành chính công cấp xã";
