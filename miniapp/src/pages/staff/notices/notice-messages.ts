/**
 * The words of an officer's "Việc của tôi": documents to process or approve and meetings, sent by the province's
 * document and scheduling systems. Only the lazy staff pages import this file, so none of it reaches the citizen's
 * first screen.
 */

export const noticeMessages = {
  title: "Việc của tôi",
  kinds: {
    document_to_process: "Văn bản cần xử lý",
    document_to_approve: "Văn bản chờ phê duyệt",
    meeting: "Lịch họp",
  } as Record<string, string>,
  open: "Đang chờ",
  openEmpty: "Không có việc nào đang chờ. Khi có văn bản hoặc lịch họp mới, ông/bà sẽ nhận tin qua Zalo.",
  done: (n: number) => `Đã xong (${n})`,
  number: (documentNumber: string) => `Số: ${documentNumber}`,
  issuer: (issuer: string) => `Nơi ban hành: ${issuer}`,
  deadline: (date: string) => `Hạn xử lý: ${date}`,
  time: "Thời gian",
  place: "Địa điểm",
  online: "Họp trực tuyến",
  chair: "Chủ trì",
  agenda: "Nội dung",
  received: (at: string) => `Nhận lúc ${at}`,
  acknowledge: "Đã nhận",
  acknowledged: (at: string) => `Đã nhận lúc ${at}`,
  openDocument: "Mở văn bản",
  openOnline: "Vào phòng họp trực tuyến",
  attend: "Tham dự",
  absent: "Vắng",
  answered: { attend: "Ông/bà đã báo: Tham dự", absent: "Ông/bà đã báo: Vắng" } as Record<string, string>,
  reasonLabel: "Lý do vắng",
  reasonRequired: "Vui lòng nhập lý do vắng.",
  reasonSend: "Gửi báo vắng",
  reasonCancel: "Không gửi",
  changeAnswer: "Đổi trả lời",
  changeUntil: "Có thể đổi trả lời đến khi cuộc họp bắt đầu.",
  reason: (reason: string) => `Lý do: ${reason}`,
  changed: "Lịch họp đã thay đổi",
  changedBody: "Thời gian hoặc địa điểm đã được sửa. Vui lòng xem lại bên dưới.",
  cancelled: "Lịch họp đã hủy",
  cancelledBody: "Cuộc họp này không diễn ra nữa.",
  over: "Cuộc họp đã diễn ra.",
  savedAcknowledged: "Đã ghi nhận.",
  savedAttend: "Đã báo tham dự.",
  savedAbsent: "Đã báo vắng.",
  all: "Xem tất cả việc",
} as const;
