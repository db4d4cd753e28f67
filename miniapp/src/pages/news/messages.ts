/** Tin tức: the province's news feed and a post. Loaded with those pages, never with the first screen. */
import type { NewsCategory } from "../../api/broadcasts";

export const newsMessages = {
  title: "Tin tức của tỉnh",
  categories: {
    "chinh-sach": "Chính sách",
    "thong-bao": "Thông báo",
    "huong-dan": "Hướng dẫn",
  } satisfies Record<NewsCategory, string>,
  all: "Tất cả",
  filterLabel: "Chuyên mục",
  empty: "Chưa có tin nào.",
  emptyCategory: "Chưa có tin nào trong chuyên mục này.",
  more: "Xem thêm",
  publishedAt: (date: string) => `Đăng ngày ${date}`,
  saved: "Đang xem bản lưu — không có mạng",
  savedAt: (time: string) => `Bản lưu lúc ${time}. Khi có mạng, bấm Thử lại để xem tin mới.`,
  moreOffline: "Không có mạng nên chưa tải thêm được. Vui lòng thử lại khi có mạng.",
  share: "Chia sẻ",
  shared: "Đã mở chia sẻ.",
  copied: "Đã sao chép đường dẫn. Ông/bà có thể dán vào tin nhắn để gửi.",
  shareFailed: "Không chia sẻ được trên máy này.",
  notFound: "Tin này không còn hoặc chưa được đăng.",
  back: "Về danh sách tin",
  cover: (title: string) => `Ảnh minh họa: ${title}`,
} as const;
