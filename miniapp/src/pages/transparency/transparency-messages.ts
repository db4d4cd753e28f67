/**
 * The transparency page's own words (the way to it is in Trợ giúp's page). Only that lazy page imports this file.
 * The rates' meanings are in components/figures/figures-words.ts, shared with the staff dashboard.
 */
export const transparencyMessages = {
  title: "Công khai kết quả giải quyết",
  intro:
    "Kết quả giải quyết thủ tục hành chính và mức độ hài lòng của người dân với các cơ quan của tỉnh. Số liệu chỉ gồm con số tổng hợp, không có thông tin cá nhân.",
  agencies: "Các cơ quan",
} as const;
