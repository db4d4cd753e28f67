/** Xã/phường của tôi: the words of the page where a citizen chooses the communes they care about. */
import type { CommunePurpose } from "../../api/broadcasts";

export const communeMessages = {
  title: "Xã/phường của tôi",
  purpose:
    "Chọn xã, phường nơi ông/bà sống, làm ăn hoặc nơi cha mẹ sống để nhận cảnh báo thiên tai, dịch bệnh và tin tức của tỉnh cho nơi đó. Chúng tôi không dùng vị trí của điện thoại.",
  signInWhy:
    "Để lưu các xã, phường ông/bà chọn và gửi cảnh báo đúng người, ứng dụng cần biết ông/bà qua tài khoản Zalo. Chúng tôi chỉ dùng tài khoản này để gửi tin cho ông/bà.",
  signIn: "Tiếp tục với tài khoản Zalo",
  chosenTitle: "Đã chọn",
  chosenCount: (n: number, max: number) => `${n}/${max} xã, phường`,
  noneChosen: "Ông/bà chưa chọn xã, phường nào.",
  why: "Đây là",
  purposes: {
    home: "Nơi ở",
    work: "Nơi làm ăn",
    family: "Nơi người thân sống",
    other: "Khác",
  } satisfies Record<CommunePurpose, string>,
  remove: (name: string) => `Bỏ ${name}`,
  removeShort: "Bỏ",
  searchLabel: "Tìm xã, phường",
  searchHint: "Gõ tên, có dấu hoặc không dấu, ví dụ: hac thanh",
  add: "Chọn",
  noMatch: (q: string) => `Không có xã, phường nào tên “${q}”.`,
  moreMatches: (n: number) => `Còn ${n} nơi khác, gõ thêm để tìm đúng nơi.`,
  full: (max: number) => `Đã chọn đủ ${max} nơi. Bỏ một nơi để chọn nơi khác.`,
  save: "Lưu lựa chọn",
  saved: "Đã lưu. Ông/bà sẽ thấy cảnh báo cho các nơi đã chọn trên trang chủ.",
  cleared: "Đã xóa lựa chọn. Ông/bà sẽ không nhận cảnh báo theo xã, phường.",
  unsaved: "Chưa lưu thay đổi.",
  clear: "Xóa hết lựa chọn",
  clearQuestion: "Xóa tất cả xã, phường đã chọn?",
  clearDetail: "Ông/bà sẽ không nhận cảnh báo và tin tức theo xã, phường nữa. Có thể chọn lại bất cứ lúc nào.",
  clearConfirm: "Có, xóa hết",
  messagesNote: "Muốn nhận cả tin nhắn Zalo khi có cảnh báo, ông/bà bật trong mục Cài đặt thông báo.",
  notificationsLink: "Cài đặt thông báo",
} as const;
