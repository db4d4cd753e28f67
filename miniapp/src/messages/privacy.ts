/**
 * Dữ liệu của tôi: the way to it from home. The page's own words (what the app holds about the citizen, a copy to
 * download, and erasing it, Decree 13/2023) live with the page, in pages/my-data/messages.ts.
 */

export const privacyMessages = {
  privacyRights: {
    title: "Dữ liệu của tôi",
    hint: "Xem, tải về, xóa dữ liệu của ông/bà",
  },
} as const;
