/** Finding a dossier: the home page, links and QR codes, scanning, a lookup that failed, the last-4 unlock. */
import { unbroken } from "./phone";

export const lookupMessages = {
  home: {
    fallbackChannel: "Dịch vụ công",
    headline: "Theo dõi hồ sơ hành chính không cần đi lại",
    switchProvince: "Đổi tỉnh",
    codeLabel: "Nhập mã hồ sơ",
    codeHint: "Mã hồ sơ (mã biên nhận) in trên giấy hẹn trả kết quả, cạnh mã QR.",
    codePlaceholder: "000.00.06.H56-231027-0361",
    lookUp: "Tra cứu",
    or: "hoặc",
    scan: "Quét mã QR",
    scanHint: "Quét mã QR in trên giấy hẹn để xem ngay toàn bộ thông tin hồ sơ.",
    savedTitle: "Hồ sơ đã xem trên máy này",
    savedEmpty: "Chưa có hồ sơ nào. Hồ sơ ông/bà tra cứu sẽ được lưu trên máy này để xem lại nhanh, kể cả khi mất mạng.",
    savedUpdatedAt: (when: string) => `Cập nhật lúc ${when}`,
    savedKeptNote: "Thông tin đầy đủ (người nộp, cán bộ, lệ phí) chỉ giữ trên máy 30 ngày kể từ lần xem cuối, trừ hồ sơ ông/bà đang theo dõi.",
    forgetAll: "Quên hồ sơ trên máy này",
    forgetAllQuestion: "Quên mọi hồ sơ đã xem trên máy này?",
    forgetAllDetail:
      "Mọi hồ sơ đã xem và quyền xem đầy đủ (từ mã QR hoặc 4 số CCCD) sẽ bị xóa khỏi máy. Nên làm khi dùng chung máy với người khác. Hồ sơ đang theo dõi vẫn có trong mục Hồ sơ của tôi.",
    forgetAllConfirm: "Có, quên hết",
    forgotAll: "Đã xóa mọi hồ sơ khỏi máy này.",
    removeSavedQuestion: "Xóa hồ sơ này khỏi máy?",
    removeSavedDetail:
      "Trạng thái và thông tin đã lưu của hồ sơ này sẽ bị xóa khỏi máy. Hồ sơ vẫn được giải quyết bình thường; ông/bà có thể tra cứu lại bằng mã hồ sơ.",
    removeSavedConfirm: "Có, xóa khỏi máy",
    guideLink: "Hướng dẫn thủ tục",
    guideLinkHint: "Giấy tờ cần chuẩn bị, lệ phí, thời hạn, nơi nộp",
    helpLink: "Trợ giúp",
    helpLinkHint: "Cách tìm mã hồ sơ, cách quét mã, số điện thoại hỗ trợ",
    directoryLink: "Danh bạ cơ quan",
    directoryLinkHint: "Địa chỉ, giờ làm việc, số điện thoại, chỉ đường đến từng nơi",
    hotline: (hotline: string) => `Gọi tổng đài hỗ trợ ${unbroken(hotline)}`,
  },

  link: {
    empty: "Vui lòng nhập mã hồ sơ in trên giấy hẹn.",
    invalidCode: "Mã hồ sơ không đúng định dạng. Mã có dạng: 000.00.06.H56-231027-0361.",
    foreign: "Mã QR này không phải mã trên giấy hẹn trả kết quả. Vui lòng quét mã QR in trên giấy hẹn, hoặc nhập mã hồ sơ.",
    scanEmpty: "Chưa đọc được mã QR. Vui lòng giữ máy chắc tay, để mã QR nằm gọn trong khung rồi thử lại.",
    scanFailed: "Không mở được máy quét mã QR. Vui lòng nhập mã hồ sơ in trên giấy hẹn.",
    scanDenied: "Ứng dụng chưa được phép dùng camera. Vui lòng cho phép Zalo dùng camera rồi thử lại, hoặc nhập mã hồ sơ.",
    brokenToken:
      "Đường dẫn hoặc mã QR này bị thiếu một phần, nên chưa mở được đầy đủ thông tin hồ sơ. Để xem đầy đủ, vui lòng quét lại mã QR trên giấy hẹn hoặc nhập 4 số cuối CCCD/CMND.",
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

  lookupFailed: {
    title: "Không tìm thấy hồ sơ",
    codeLabel: "Mã đã tra cứu",
    recent: "Hồ sơ vừa nộp trong vài giờ gần đây có thể chưa hiển thị. Mời ông/bà tra cứu lại sau ít giờ.",
    hotline: (hotline: string) => `Cần hỗ trợ, mời ông/bà gọi tổng đài ${hotline} trong giờ hành chính.`,
  },

  unlock: {
    title: "Xem đầy đủ thông tin hồ sơ",
    why: "Mã hồ sơ có thể bị người khác đoán ra, nên với mã hồ sơ chỉ xem được trạng thái. Để xem cán bộ thụ lý, giấy tờ cần bổ sung, lệ phí và các bước xử lý, vui lòng nhập 4 số cuối CCCD/CMND của người nộp hồ sơ.",
    privacy: "Ứng dụng không lưu 4 số này. Quyền xem đầy đủ giữ trên máy này trong 30 phút.",
    label: "4 số cuối CCCD/CMND",
    submit: "Xem đầy đủ",
    invalid: "Vui lòng nhập đúng 4 chữ số cuối của số CCCD/CMND.",
    orScan: "Hoặc quét mã QR trên giấy hẹn để xem ngay, không cần nhập số.",
    success: "Đã mở khóa. Thông tin đầy đủ hiển thị bên dưới.",
  },
} as const;
