/** The app around every page: its title, confirmations, help and errors. */
import { unbroken } from "./phone";

export const appMessages = {
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

  confirm: {
    keep: "Không, giữ nguyên",
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
    offlineBody: "Hồ sơ đã xem được lưu trên máy. Khi mất mạng, ứng dụng hiển thị trạng thái lần cập nhật gần nhất, kèm giờ cập nhật.",
    hotlineTitle: "Cần hỗ trợ thêm?",
    hotlineBody: "Gọi tổng đài hỗ trợ trong giờ hành chính:",
    call: (hotline: string) => `Gọi ${hotline}`,
    noHotline: "Vui lòng liên hệ bộ phận một cửa nơi ông/bà đã nộp hồ sơ.",
    directoryTitle: "Địa chỉ, giờ làm việc các cơ quan",
    directoryBody: "Xem địa chỉ, giờ làm việc, số điện thoại và đường đi đến từng trung tâm phục vụ hành chính công.",
  },

  errors: {
    network: "Không kết nối được máy chủ. Vui lòng kiểm tra mạng (Wi-Fi hoặc 4G) rồi thử lại.",
    timeout: "Mạng chậm, máy chủ chưa trả lời. Vui lòng thử lại.",
    server: "Hệ thống đang bận hoặc gặp sự cố. Vui lòng thử lại sau ít phút.",
    unknown: "Đã có lỗi xảy ra. Vui lòng thử lại.",
    callHotline: (hotline: string) => `Cần giúp đỡ? Gọi tổng đài ${unbroken(hotline)}`,
  },
} as const;
