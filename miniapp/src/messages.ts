/**
 * Every word the citizen reads, in Vietnamese, in one place. Addressing the reader as "ông/bà" is how public
 * services speak to citizens; sentences are short and say what to do next.
 */
export const messages = {
  app: {
    defaultTitle: "Tra cứu hồ sơ",
    back: "Quay lại",
    home: "Trang chủ",
    retry: "Thử lại",
    loading: "Đang tải…",
    notFoundTitle: "Không tìm thấy trang",
    notFoundBody: "Trang này không có trong ứng dụng. Mời ông/bà quay về trang chủ để tra cứu hồ sơ.",
    crashTitle: "Ứng dụng gặp lỗi",
    crashBody: "Đã có lỗi xảy ra khi hiển thị trang này. Mời ông/bà bấm Thử lại hoặc quay về trang chủ.",
  },

  home: {
    fallbackChannel: "Dịch vụ công",
    headline: "Theo dõi hồ sơ hành chính không cần đi lại",
    codeLabel: "Nhập mã hồ sơ",
    codeHint: "Mã hồ sơ (mã biên nhận) in trên giấy hẹn trả kết quả, cạnh mã QR.",
    codePlaceholder: "000.00.06.H56-231027-0361",
    lookUp: "Tra cứu",
    or: "hoặc",
    scan: "Quét mã QR",
    scanHint: "Quét mã QR in trên giấy hẹn để xem ngay toàn bộ thông tin hồ sơ.",
    savedTitle: "Hồ sơ đã xem trên máy này",
    savedEmpty:
      "Chưa có hồ sơ nào. Hồ sơ ông/bà tra cứu sẽ được lưu trên máy này để xem lại nhanh, kể cả khi mất mạng.",
    savedUpdatedAt: (when: string) => `Cập nhật lúc ${when}`,
    guideLink: "Hướng dẫn thủ tục",
    guideLinkHint: "Giấy tờ cần chuẩn bị, lệ phí, thời hạn, nơi nộp",
    helpLink: "Trợ giúp",
    helpLinkHint: "Cách tìm mã hồ sơ, cách quét mã, số điện thoại hỗ trợ",
  },

  link: {
    empty: "Vui lòng nhập mã hồ sơ in trên giấy hẹn.",
    invalidCode: "Mã hồ sơ không đúng định dạng. Mã có dạng: 000.00.06.H56-231027-0361.",
    foreign:
      "Mã QR này không phải mã trên giấy hẹn trả kết quả. Vui lòng quét mã QR in trên giấy hẹn, hoặc nhập mã hồ sơ.",
    scanEmpty: "Chưa đọc được mã QR. Vui lòng giữ máy chắc tay, để mã QR nằm gọn trong khung rồi thử lại.",
    scanFailed: "Không mở được máy quét mã QR. Vui lòng nhập mã hồ sơ in trên giấy hẹn.",
    scanDenied:
      "Ứng dụng chưa được phép dùng camera. Vui lòng cho phép Zalo dùng camera rồi thử lại, hoặc nhập mã hồ sơ.",
  },

  scanFallback: {
    title: "Quét mã QR",
    body: "Không mở được camera trong ứng dụng trên máy này. Ông/bà có thể:",
    typeCode: "Nhập mã hồ sơ bằng tay",
    choosePhoto: "Chọn ảnh chụp mã QR",
    photoUnsupported: "Máy này chưa đọc được mã QR từ ảnh. Vui lòng nhập mã hồ sơ in dưới mã QR.",
    photoNoCode: "Không tìm thấy mã QR trong ảnh. Vui lòng chụp rõ mã QR trên giấy hẹn rồi thử lại.",
    close: "Đóng",
  },

  dossier: {
    title: "Hồ sơ",
    codeLabel: "Mã hồ sơ",
    updatedAt: (when: string) => `Cập nhật lúc ${when}`,
    offlineBanner: (when: string) =>
      `Không kết nối được mạng. Đang hiển thị thông tin đã lưu trên máy, cập nhật lúc ${when}. Trạng thái có thể đã thay đổi.`,
    nextStepsTitle: "Việc ông/bà cần làm",
    datesTitle: "Thời gian",
    receivedAt: "Ngày nhận hồ sơ",
    dueAt: "Ngày hẹn trả kết quả",
    completedAt: "Ngày có kết quả",
    returnedAt: "Ngày trả kết quả",
    handlingTitle: "Nơi giải quyết",
    agency: "Cơ quan tiếp nhận",
    department: "Phòng ban xử lý",
    officer: "Cán bộ thụ lý",
    procedure: "Thủ tục",
    applicant: "Người nộp hồ sơ",
    legalDays: (days: number) => `Thời hạn theo quy định: ${days} ngày làm việc`,
    timelineTitle: "Các bước xử lý",
    timelineHint: "Mới nhất ở trên cùng.",
    removeSaved: "Xóa hồ sơ này khỏi máy",
    removedSaved: "Đã xóa hồ sơ khỏi máy này.",
    lookUpAnother: "Tra cứu hồ sơ khác",
    notFoundAction: "Nhập lại mã hồ sơ",
    networkTitle: "Không kết nối được",
    networkBody: "Vui lòng kiểm tra mạng (Wi-Fi hoặc 4G) rồi bấm Thử lại.",
    invalidLink:
      "Đường dẫn không có mã hồ sơ hợp lệ. Vui lòng quét lại mã QR trên giấy hẹn, hoặc nhập mã hồ sơ ở trang chủ.",
    tokenRefusedNote: "Ông/bà vẫn xem được trạng thái hồ sơ bên dưới.",
  },

  nextSteps: {
    nothing: "Ông/bà chưa cần làm gì. Hồ sơ đang được giải quyết, mời theo dõi đến ngày hẹn.",
    supplementDocuments: "Giấy tờ cần nộp bổ sung:",
    supplementDeadline: (date: string) => `Hạn nộp bổ sung: ${date}`,
    supplementWhere: (agency: string) => `Nơi nộp: ${agency}`,
    supplementLocked:
      "Hồ sơ cần bổ sung giấy tờ. Nhập 4 số cuối CCCD/CMND ở bên dưới để xem danh sách giấy tờ và hạn nộp.",
    feeAmount: (amount: string) => `Số tiền cần nộp: ${amount}`,
    feeLocked: "Hồ sơ cần nộp phí, lệ phí. Nhập 4 số cuối CCCD/CMND ở bên dưới để xem số tiền.",
    feeUnknown: "Vui lòng liên hệ nơi nộp hồ sơ để biết số tiền cần nộp.",
    pickUp: (agency: string) =>
      `Mời ông/bà mang giấy hẹn và CCCD/CMND đến ${agency} để nhận kết quả, trong giờ hành chính.`,
    returned: "Hồ sơ đã hoàn thành. Ông/bà không cần làm gì thêm.",
    closed: "Hồ sơ không còn được giải quyết. Nếu cần hỏi thêm, mời gọi tổng đài hỗ trợ.",
    reason: (text: string) => `Lý do: ${text}`,
    callHotline: (hotline: string) => `Tổng đài hỗ trợ: ${hotline}`,
    officerNote: (text: string) => `Ghi chú của cán bộ: ${text}`,
  },

  status: {
    1: { title: "Mới đăng ký", meaning: "Hồ sơ đã được ghi nhận và đang chờ cán bộ kiểm tra để tiếp nhận." },
    2: { title: "Đã tiếp nhận hồ sơ", meaning: "Cơ quan đã nhận hồ sơ và sẽ giải quyết theo ngày hẹn." },
    3: {
      title: "Hồ sơ không được tiếp nhận",
      meaning: "Hồ sơ chưa đủ điều kiện để tiếp nhận. Xem lý do bên dưới hoặc gọi tổng đài để được hướng dẫn.",
    },
    4: { title: "Đang giải quyết", meaning: "Cán bộ đang xử lý hồ sơ. Ông/bà chưa cần làm gì." },
    5: { title: "Cần bổ sung giấy tờ", meaning: "Ông/bà cần nộp thêm giấy tờ thì hồ sơ mới được giải quyết tiếp." },
    6: { title: "Cần nộp phí, lệ phí", meaning: "Ông/bà cần nộp phí, lệ phí thì hồ sơ mới được giải quyết tiếp." },
    7: { title: "Đã rút hồ sơ", meaning: "Hồ sơ đã được rút theo yêu cầu của người nộp." },
    8: { title: "Dừng giải quyết", meaning: "Cơ quan đã dừng giải quyết hồ sơ. Xem lý do bên dưới hoặc gọi tổng đài." },
    9: {
      title: "Đã có kết quả — mời đến nhận",
      meaning: "Kết quả đã sẵn sàng. Mời ông/bà mang giấy hẹn đến nơi nộp hồ sơ để nhận.",
    },
    10: { title: "Đã trả kết quả", meaning: "Ông/bà đã nhận kết quả. Hồ sơ đã hoàn thành." },
  } as Record<number, { title: string; meaning: string }>,

  deadline: {
    overdue: (days: number) => `Quá hẹn ${days} ngày`,
    overdueMeaning: "Cơ quan giải quyết đã trễ hẹn. Theo quy định, cơ quan phải gửi ông/bà thư xin lỗi và hẹn lại ngày trả.",
    dueToday: "Hẹn trả hôm nay",
    dueIn: (days: number) => `Còn ${days} ngày đến ngày hẹn`,
    early: (days: number) => `Xong sớm ${days} ngày so với hẹn`,
    onTime: "Xong đúng hẹn",
    late: (days: number) => `Xong trễ ${days} ngày so với hẹn`,
  },

  timeline: {
    received: "Tiếp nhận hồ sơ",
    assigned: "Chuyển hồ sơ để xử lý",
    statusChanged: (status: string) => `Cập nhật: ${status}`,
    supplementRequested: "Yêu cầu bổ sung giấy tờ",
    feeRequested: "Yêu cầu nộp phí, lệ phí",
    dueChanged: "Đổi ngày hẹn trả kết quả",
    resultReady: "Đã có kết quả",
    returned: "Đã trả kết quả",
    refused: "Không tiếp nhận hồ sơ",
    withdrawn: "Rút hồ sơ",
    stopped: "Dừng giải quyết",
    other: "Cập nhật hồ sơ",
    dueAt: (date: string) => `Hẹn trả: ${date}`,
    dueMoved: (from: string, to: string) => `Ngày hẹn trả đổi từ ${from} sang ${to}.`,
    apologyTitle: "Thư xin lỗi của cơ quan",
    handledBy: (who: string) => `Người xử lý: ${who}`,
    department: (name: string) => `Phòng ban: ${name}`,
    deadline: (date: string) => `Hạn nộp: ${date}`,
    amount: (amount: string) => `Số tiền: ${amount}`,
  },

  unlock: {
    title: "Xem đầy đủ thông tin hồ sơ",
    why:
      "Mã hồ sơ có thể bị người khác đoán ra, nên với mã hồ sơ chỉ xem được trạng thái. Để xem cán bộ thụ lý, giấy tờ cần bổ sung, lệ phí và các bước xử lý, vui lòng nhập 4 số cuối CCCD/CMND của người nộp hồ sơ.",
    privacy: "Ứng dụng không lưu 4 số này. Quyền xem đầy đủ giữ trên máy này trong 30 phút.",
    label: "4 số cuối CCCD/CMND",
    submit: "Xem đầy đủ",
    invalid: "Vui lòng nhập đúng 4 chữ số cuối của số CCCD/CMND.",
    orScan: "Hoặc quét mã QR trên giấy hẹn để xem ngay, không cần nhập số.",
    success: "Đã mở khóa. Thông tin đầy đủ hiển thị bên dưới.",
  },

  procedures: {
    title: "Hướng dẫn thủ tục",
    searchLabel: "Tìm thủ tục",
    searchPlaceholder: "Ví dụ: đăng ký kết hôn",
    searchHint: "Có thể gõ không dấu, ví dụ: dang ky ket hon",
    search: "Tìm",
    allTitle: "Tất cả thủ tục",
    resultsTitle: (count: number, query: string) => `${count} thủ tục phù hợp với “${query}”`,
    empty: (query: string) =>
      `Không tìm thấy thủ tục nào phù hợp với “${query}”. Thử gõ ngắn hơn, ví dụ: kết hôn, khai sinh, đất đai.`,
    emptyAll: "Chưa có thủ tục nào được công bố.",
    legalDays: (days: number) => `Giải quyết trong ${days} ngày làm việc`,
    fee: (fee: string) => `Lệ phí: ${fee}`,
  },

  procedure: {
    title: "Thủ tục",
    code: (code: string) => `Mã thủ tục: ${code}`,
    field: (field: string) => `Lĩnh vực: ${field}`,
    documentsTitle: "Giấy tờ cần chuẩn bị",
    documentsEmpty: "Chưa có danh sách giấy tờ. Vui lòng hỏi tại nơi nộp hồ sơ.",
    copies: (copies: string) => `Số lượng: ${copies}`,
    feeTitle: "Phí, lệ phí",
    feeNone: "Không mất phí",
    feeUnknown: "Chưa có thông tin. Vui lòng hỏi tại nơi nộp hồ sơ.",
    timeTitle: "Thời hạn giải quyết",
    legalDays: (days: number) => `${days} ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ`,
    whereTitle: "Nơi nộp hồ sơ",
  },

  help: {
    title: "Trợ giúp",
    findCodeTitle: "Mã hồ sơ ở đâu?",
    findCodeBody:
      "Khi nộp hồ sơ, ông/bà được nhận giấy hẹn trả kết quả. Mã hồ sơ (mã biên nhận) in trên giấy hẹn, có dạng 000.00.06.H56-231027-0361, bên cạnh mã QR.",
    scanTitle: "Quét mã QR thế nào?",
    scanBody:
      "Bấm nút “Quét mã QR” ở trang chủ, hướng camera vào mã QR trên giấy hẹn. Cũng có thể mở camera của Zalo và quét mã: ứng dụng sẽ tự mở đúng hồ sơ.",
    whyIdTitle: "Vì sao phải nhập 4 số cuối CCCD?",
    whyIdBody:
      "Để bảo vệ thông tin cá nhân của ông/bà. Chỉ người có giấy hẹn (mã QR) hoặc biết số CCCD/CMND của người nộp mới xem được cán bộ thụ lý, giấy tờ và lệ phí.",
    offlineTitle: "Khi mất mạng",
    offlineBody:
      "Hồ sơ đã xem được lưu trên máy. Khi mất mạng, ứng dụng hiển thị trạng thái lần cập nhật gần nhất, kèm giờ cập nhật.",
    hotlineTitle: "Cần hỗ trợ thêm?",
    hotlineBody: "Gọi tổng đài hỗ trợ trong giờ hành chính:",
    call: (hotline: string) => `Gọi ${hotline}`,
    noHotline: "Vui lòng liên hệ bộ phận một cửa nơi ông/bà đã nộp hồ sơ.",
  },

  account: {
    openInZalo: "Vui lòng mở ứng dụng trong Zalo để dùng tính năng này.",
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
    purpose:
      "Nhận tin nhắn Zalo khi hồ sơ cần bổ sung giấy tờ, phải nộp phí, có kết quả hoặc được hẹn lại ngày trả. Ông/bà có thể tắt bất cứ lúc nào.",
    consentWording:
      "Tôi đồng ý nhận tin nhắn Zalo về tình trạng hồ sơ hành chính tôi theo dõi (cần bổ sung giấy tờ, nộp phí, có kết quả, hẹn lại ngày trả). Tôi có thể tắt bất cứ lúc nào.",
    followWithMessages: "Theo dõi và nhận tin nhắn",
    followOnly: "Chỉ theo dõi, không nhận tin",
    followOnlyNote: "Nếu không nhận tin nhắn, thông báo vẫn được lưu trong mục Tin nhắn của ứng dụng.",
    following: "Đang theo dõi hồ sơ này",
    followingNote: "Ông/bà sẽ được báo khi hồ sơ có thay đổi.",
    unfollow: "Bỏ theo dõi",
    done: "Đã theo dõi hồ sơ. Ông/bà sẽ nhận tin khi hồ sơ có thay đổi.",
    notificationsRefused: "Zalo chưa cho phép gửi thông báo. Hồ sơ vẫn được theo dõi; tin nhắn được lưu trong mục Tin nhắn.",
    needOwner: "Để theo dõi, vui lòng quét mã QR trên giấy hẹn hoặc nhập 4 số cuối CCCD/CMND ở trên.",
  },

  myDossiers: {
    title: "Hồ sơ của tôi",
    empty:
      "Ông/bà chưa theo dõi hồ sơ nào. Quét mã QR trên giấy hẹn, rồi bấm \"Theo dõi và nhận tin nhắn\" để được báo khi hồ sơ có thay đổi.",
    due: (date: string) => `Hẹn trả: ${date}`,
    unfollow: "Bỏ theo dõi",
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
    znsWording:
      "Tôi đồng ý cung cấp số điện thoại Zalo để nhận tin nhắn ZNS về hồ sơ hành chính tôi theo dõi, khi tin nhắn trong ứng dụng không đến được.",
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

  errors: {
    network: "Không kết nối được máy chủ. Vui lòng kiểm tra mạng (Wi-Fi hoặc 4G) rồi thử lại.",
    timeout: "Mạng chậm, máy chủ chưa trả lời. Vui lòng thử lại.",
    server: "Hệ thống đang bận hoặc gặp sự cố. Vui lòng thử lại sau ít phút.",
    unknown: "Đã có lỗi xảy ra. Vui lòng thử lại.",
  },
} as const;

export type Messages = typeof messages;
