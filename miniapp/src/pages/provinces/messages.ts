/** Chọn tỉnh, thành phố: the words of the province picker. */
export const provinceMessages = {
  title: "Chọn tỉnh, thành phố",
  intro: "Chọn tỉnh, thành phố nơi ông/bà nộp hồ sơ. Tin tức, cảnh báo, danh bạ, thủ tục và hồ sơ trên ứng dụng sẽ là của nơi ông/bà chọn.",
  listLabel: "Các tỉnh, thành phố",
  current: "Đang chọn",
  switching: (name: string) => `Đang chuyển sang ${name}…`,
  kept: "Hồ sơ đã xem và tài khoản Zalo đã đăng nhập của mỗi tỉnh được giữ riêng trên máy này. Khi chọn lại tỉnh cũ, ông/bà vẫn thấy như trước.",
  notKept: "Máy này không cho ứng dụng lưu lựa chọn (có thể đang ở chế độ ẩn danh). Ông/bà mở ứng dụng ở chế độ thường rồi chọn lại.",
  empty: "Chưa có tỉnh, thành phố nào dùng ứng dụng.",
} as const;
