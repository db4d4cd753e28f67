/** The national dossier status codes used by one-stop systems that sync with the National Public Service Portal. */
export const STATUS = {
  REGISTERED: 1,
  RECEIVED: 2,
  REFUSED: 3,
  PROCESSING: 4,
  SUPPLEMENT_REQUESTED: 5,
  FEE_DUE: 6,
  WITHDRAWN: 7,
  STOPPED: 8,
  RESULT_READY: 9,
  RETURNED: 10,
} as const;

export type StatusCode = (typeof STATUS)[keyof typeof STATUS];

export const STATUS_LABELS: Record<StatusCode, string> = {
  1: "Mới đăng ký",
  2: "Được tiếp nhận",
  3: "Không được tiếp nhận",
  4: "Đang xử lý",
  5: "Yêu cầu bổ sung giấy tờ",
  6: "Yêu cầu thực hiện nghĩa vụ tài chính",
  7: "Công dân yêu cầu rút hồ sơ",
  8: "Dừng xử lý",
  9: "Đã xử lý xong",
  10: "Đã trả kết quả",
};

export const ALL_STATUSES = Object.values(STATUS) as StatusCode[];

export function isStatusCode(value: number): value is StatusCode {
  return Number.isInteger(value) && value >= 1 && value <= 10;
}

/** Statuses after which the agency owes nothing more on time: a due date passing no longer makes it overdue. */
export function isClosedForDeadline(status: number): boolean {
  return status === 3 || status === 7 || status === 8 || status === 9 || status === 10;
}

/** The citizen has something to do: bring documents (5) or pay (6). */
export function citizenMustAct(status: number): boolean {
  return status === STATUS.SUPPLEMENT_REQUESTED || status === STATUS.FEE_DUE;
}

export function statusView(status: number) {
  const code = isStatusCode(status) ? status : STATUS.PROCESSING;
  return { code, label: STATUS_LABELS[code] };
}
