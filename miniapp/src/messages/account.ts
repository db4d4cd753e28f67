/** The signed-in citizen's part: the account, following, Hồ sơ của tôi, the inbox, notifications and the staff link. */

export const accountMessages = {
  account: {
    openInZalo: "Vui lòng mở ứng dụng trong Zalo để dùng tính năng này.",
    otherProvinceApp: (province: string) =>
      `Tin nhắn, theo dõi hồ sơ và phản ánh của ${province.replace(/^(Tỉnh|Thành phố) /, (kind) => kind.toLowerCase())} dùng mini app riêng của tỉnh trên Zalo. Tại đây ông/bà vẫn tra cứu hồ sơ bằng mã hoặc mã QR, xem tin tức và cảnh báo của tỉnh.`,
    myDossiers: "Hồ sơ của tôi",
    myDossiersHint: "Hồ sơ đang theo dõi, nhận tin khi có thay đổi",
    inbox: "Tin nhắn",
    inboxHint: "Mọi thông báo về hồ sơ của ông/bà",
    unread: (n: number) => `${n} tin mới`,
    notifications: "Cài đặt thông báo",
    notificationsHint: "Bật, tắt tin nhắn Zalo về hồ sơ",
    staff: "Khu vực cán bộ",
    staffHint: "Hồ sơ được giao cho ông/bà xử lý",
    staffLink: "Liên kết tài khoản cán bộ",
    staffLinkHint: "Dành cho cán bộ có mã liên kết từ hệ thống một cửa",
  },

  follow: {
    title: "Nhận tin về hồ sơ này",
    purpose: "Nhận tin nhắn Zalo khi hồ sơ cần bổ sung giấy tờ, phải nộp phí, có kết quả hoặc được hẹn lại ngày trả. Ông/bà có thể tắt bất cứ lúc nào.",
    consentWording:
      "Tôi đồng ý nhận tin nhắn Zalo về tình trạng hồ sơ hành chính tôi theo dõi (cần bổ sung giấy tờ, nộp phí, có kết quả, hẹn lại ngày trả). Tôi có thể tắt bất cứ lúc nào.",
    followWithMessages: "Theo dõi và nhận tin nhắn",
    followOnly: "Chỉ theo dõi, không nhận tin",
    followOnlyNote: "Nếu không nhận tin nhắn, thông báo vẫn được lưu trong mục Tin nhắn của ứng dụng.",
    following: "Đang theo dõi hồ sơ này",
    followingNote: "Ông/bà sẽ được báo khi hồ sơ có thay đổi.",
    followingWithMessages: "Ông/bà nhận tin nhắn Zalo khi hồ sơ có thay đổi.",
    followingWithoutMessages: "Ông/bà không nhận tin nhắn Zalo. Khi hồ sơ có thay đổi, thông báo được lưu trong mục Tin nhắn của ứng dụng.",
    messagesAlreadyOn: "Ông/bà đang bật tin nhắn Zalo về hồ sơ, nên sẽ nhận tin khi hồ sơ này có thay đổi. Có thể tắt trong mục Cài đặt thông báo.",
    follow: "Theo dõi hồ sơ này",
    unfollow: "Bỏ theo dõi",
    unfollowQuestion: "Bỏ theo dõi hồ sơ này?",
    unfollowDetail:
      "Ông/bà sẽ không được báo khi hồ sơ có thay đổi, và hồ sơ không còn trong mục Hồ sơ của tôi. Muốn theo dõi lại, cần quét mã QR trên giấy hẹn hoặc nhập 4 số cuối CCCD/CMND.",
    unfollowConfirm: "Có, bỏ theo dõi",
    done: "Đã theo dõi hồ sơ. Ông/bà sẽ nhận tin khi hồ sơ có thay đổi.",
    doneWithoutMessages:
      "Đã theo dõi hồ sơ. Ông/bà sẽ không nhận tin nhắn Zalo về hồ sơ này: hồ sơ có trong mục Hồ sơ của tôi, và khi hồ sơ có thay đổi, thông báo chỉ được lưu trong mục Tin nhắn của ứng dụng.",
    doneListed: "Đã theo dõi hồ sơ. Hồ sơ có trong mục Hồ sơ của tôi; mọi thông báo về hồ sơ được lưu trong mục Tin nhắn của ứng dụng.",
    doneMessagesOn:
      "Đã theo dõi hồ sơ. Vì ông/bà đang bật tin nhắn Zalo về hồ sơ, ông/bà vẫn nhận tin khi hồ sơ này có thay đổi. Có thể tắt trong mục Cài đặt thông báo.",
    notificationsRefused: "Zalo chưa cho phép gửi thông báo. Hồ sơ vẫn được theo dõi; tin nhắn được lưu trong mục Tin nhắn.",
    needOwner: "Để theo dõi, vui lòng quét mã QR trên giấy hẹn hoặc nhập 4 số cuối CCCD/CMND ở trên.",
  },

  myDossiers: {
    title: "Hồ sơ của tôi",
    empty: 'Ông/bà chưa theo dõi hồ sơ nào. Quét mã QR trên giấy hẹn, rồi bấm "Theo dõi và nhận tin nhắn" để được báo khi hồ sơ có thay đổi.',
    due: (date: string) => `Hẹn trả: ${date}`,
    unfollow: "Bỏ theo dõi",
    unfollowQuestion: (code: string) => `Bỏ theo dõi hồ sơ ${code}?`,
    unfollowed: "Đã bỏ theo dõi hồ sơ.",
  },

  inbox: {
    title: "Tin nhắn",
    empty: "Chưa có tin nhắn nào. Khi hồ sơ ông/bà theo dõi có thay đổi, tin nhắn sẽ hiện ở đây.",
    unreadLabel: "Mới",
    notDelivered: "Không gửi được qua Zalo — xem tại đây.",
  },

  notifications: {
    title: "Cài đặt thông báo",
    zaloTitle: "Tin nhắn Zalo về hồ sơ",
    zaloOn: (date: string) => `Đang bật (đồng ý ngày ${date}).`,
    zaloOff: "Đang tắt. Thông báo vẫn được lưu trong mục Tin nhắn.",
    turnOn: "Bật tin nhắn Zalo",
    turnOff: "Tắt tin nhắn Zalo",
    turnedOff: "Đã tắt. Từ giờ ông/bà sẽ không nhận tin nhắn Zalo về hồ sơ.",
    turnedOn: "Đã bật tin nhắn Zalo về hồ sơ.",
    znsTitle: "Tin nhắn qua số điện thoại (ZNS)",
    znsWhy:
      "Nếu tin nhắn trong ứng dụng không đến được, hệ thống gửi tin qua số điện thoại Zalo của ông/bà. Số điện thoại chỉ dùng cho việc này và được xóa ngay khi ông/bà tắt.",
    znsWording: "Tôi đồng ý cung cấp số điện thoại Zalo để nhận tin nhắn ZNS về hồ sơ hành chính tôi theo dõi, khi tin nhắn trong ứng dụng không đến được.",
    znsOn: (date: string) => `Đang bật (đồng ý ngày ${date}).`,
    znsOff: "Đang tắt.",
    znsTurnOn: "Chia sẻ số điện thoại và bật",
    znsTurnOff: "Tắt và xóa số điện thoại",
    phoneRefused: "Chưa lấy được số điện thoại. Vui lòng cho phép Zalo chia sẻ số điện thoại rồi thử lại.",
  },

  staff: {
    title: "Khu vực cán bộ",
    linkTitle: "Liên kết tài khoản cán bộ",
    linkBody: "Nhập mã liên kết 8 chữ số do hệ thống một cửa cấp cho ông/bà (mã có hiệu lực 15 phút, dùng một lần).",
    codeLabel: "Mã liên kết",
    link: "Liên kết",
    linked: "Đã liên kết tài khoản cán bộ.",
    unlink: "Hủy liên kết",
    roles: { officer: "Cán bộ thụ lý", department_head: "Lãnh đạo phòng", province_admin: "Quản trị tỉnh" },
    scopes: { officer: "Hồ sơ ông/bà đang thụ lý", department: "Hồ sơ của phòng", province: "Hồ sơ toàn tỉnh" },
    empty: "Không có hồ sơ nào đang chờ xử lý.",
    overdue: (days: number) => `Quá hạn ${days} ngày`,
    due: (date: string) => `Hẹn trả ${date}`,
  },
} as const;
