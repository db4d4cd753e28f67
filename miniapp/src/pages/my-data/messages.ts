/** Dữ liệu của tôi: what the app holds about the citizen, a copy to download, and erasing it (Decree 13/2023). */

export const myDataMessages = {
  intro: "Ông/bà có quyền biết ứng dụng lưu gì về mình, tải bản sao và yêu cầu xóa (Nghị định 13/2023/NĐ-CP).",
  summaryTitle: "Ứng dụng đang lưu",
  counts: {
    follows: "Hồ sơ đang theo dõi",
    consents: "Đồng ý nhận tin",
    messages: "Tin nhắn",
    ratings: "Đánh giá",
    questions: "Câu hỏi",
    feedback: "Phản ánh, kiến nghị",
    photos: "Ảnh đính kèm",
  },
  phone: (phone: string | null) => (phone ? `Số điện thoại nhận tin: ${phone}` : "Không lưu số điện thoại."),
  staff: (name: string | null) => (name ? `Liên kết với cán bộ ${name}.` : "Không liên kết tài khoản cán bộ."),
  followedOn: (date: string, byQr: boolean) => `Từ ${date}, ${byQr ? "bằng mã QR" : "bằng 4 số cuối CCCD"}`,
  channel: { miniapp: "Tin nhắn Zalo", zns: "Tin nhắn ZNS" } as Record<string, string>,
  consentPeriod: (from: string, until: string | null) => `Đồng ý ngày ${from}${until ? `, rút ngày ${until}` : ", đang bật"}`,
  moreMessages: (n: number) => `Và ${n} tin khác (trong tệp tải về).`,
  delivery: {
    queued: "Chờ gửi",
    sending: "Đang gửi",
    sent: "Đã gửi",
    failed_temporary: "Sẽ gửi lại",
    failed_permanent: "Không gửi được",
    deferred: "Chờ đến lượt gửi",
    in_app: "Chỉ trong ứng dụng",
    folded: "Gửi gộp trong tin khác",
  } as Record<string, string>,
  nothing: "Không có",
  export: "Tải dữ liệu (JSON)",
  exported: "Đã tải tệp về máy.",
  fileName: (date: string) => `motcua-du-lieu-${date}.json`,
  erase: "Xóa dữ liệu của tôi",
  eraseQuestion: "Xóa toàn bộ dữ liệu của ông/bà?",
  eraseDetail:
    "Sẽ xóa: hồ sơ theo dõi, đồng ý nhận tin, số điện thoại, tin nhắn, câu hỏi, phản ánh và ảnh, liên kết cán bộ. Đánh giá được giữ lại không kèm tên, chỉ để tính tỷ lệ hài lòng. Không thể hoàn tác.",
  eraseConfirm: "Có, xóa dữ liệu",
  erasedTitle: "Đã xóa dữ liệu của ông/bà",
  erasedAt: (time: string) => `Lúc ${time}.`,
  removed: (n: number, what: string) => `${what}: đã xóa ${n}`,
  ratingsKept: (n: number) => `${n} đánh giá được giữ lại, không còn gắn với ông/bà.`,
  erasedNote: "Mã hồ sơ đã tra cứu vẫn lưu trên điện thoại này.",
  home: "Về trang chủ",
} as const;

/** How long motcua keeps what, and what happens then (the README's table, in the citizen's words). */
export const retentionMessages = {
  title: "Thời gian lưu trữ",
  intro: "Dữ liệu chỉ được giữ trong thời gian cần thiết, sau đó tự động xóa:",
  rules: (months: number) => [
    `Hồ sơ đã trả kết quả, không được tiếp nhận, đã rút hoặc dừng xử lý: sau ${months} tháng, họ tên người nộp, ghi chú, câu hỏi về hồ sơ và việc theo dõi được xóa; chỉ giữ mã hồ sơ, trạng thái và các mốc thời gian.`,
    "Tin nhắn đã gửi: xóa sau 90 ngày.",
    "Ảnh đính kèm phản ánh, kiến nghị: xóa sau 1 năm kể từ khi phản ánh được đóng.",
    "Số lần tra cứu, nhập sai để chống dò mã: xóa khi hết thời gian tính, chậm nhất sau 1 ngày.",
  ],
} as const;
