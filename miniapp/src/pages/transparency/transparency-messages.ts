/**
 * The transparency page's own words, and the way to it from Trợ giúp. Only lazy pages import this file. The rates'
 * meanings are in components/figures/figures-words.ts, shared with the staff dashboard.
 */
export const transparencyMessages = {
  title: "Công khai kết quả giải quyết",
  link: "Công khai kết quả giải quyết hồ sơ",
  linkHint: "Tỷ lệ đúng hạn và tỷ lệ hài lòng của từng cơ quan",
  helpTitle: "Kết quả phục vụ của tỉnh",
  helpBody: "Ông/bà có thể xem tỷ lệ hồ sơ được giải quyết đúng hạn và mức độ hài lòng của người dân với từng cơ quan.",
  intro:
    "Kết quả giải quyết thủ tục hành chính và mức độ hài lòng của người dân với các cơ quan của tỉnh. Số liệu chỉ gồm con số tổng hợp, không có thông tin cá nhân.",
  agencies: "Các cơ quan",
  howCounted: "Cách tính",
} as const;
