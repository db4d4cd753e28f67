/** The home page's ways to what the province tells its citizens (the pages' own words live with the pages). */

export const broadcastMessages = {
  broadcasts: {
    newsLink: "Tin tức của tỉnh",
    newsLinkHint: "Chính sách, thông báo, hướng dẫn",
    communesLink: "Xã/phường của tôi",
    communesLinkHint: "Nhận cảnh báo thiên tai, tin tức cho nơi đó",
  },
} as const;
