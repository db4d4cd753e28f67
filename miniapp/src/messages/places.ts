/** Where to go and what to bring: a desk, the directory (Danh bạ), the procedure guide. */
import { unbroken } from "./phone";

export const placesMessages = {
  place: {
    call: (phone: string) => `Gọi ${phone}`,
    directions: "Chỉ đường",
    todayHours: (weekday: string, hours: string) => `Hôm nay (${weekday}): ${hours}`,
    openNow: (closes: string) => `Đang mở cửa, đến ${closes}.`,
    opensAt: (opens: string) => `Chưa đến giờ làm việc. Mở cửa lúc ${opens}.`,
    closedForDay: "Hôm nay đã hết giờ làm việc.",
    closedToday: (weekday: string) => `Hôm nay (${weekday}) nghỉ.`,
    /** Mid-sentence weekdays keep "thứ" lower-case: "mở cửa lại thứ Hai lúc 07:00". */
    reopens: (weekday: string, opens: string) => `Mở cửa lại ${weekday.replace(/^Thứ/, "thứ")} lúc ${opens}.`,
    weekTitle: "Giờ làm việc trong tuần",
    closedWord: "Nghỉ",
    noHours: "Chưa có giờ làm việc. Vui lòng gọi trước khi đến.",
  },

  directory: {
    title: "Danh bạ cơ quan",
    searchLabel: "Tìm cơ quan",
    searchPlaceholder: "Ví dụ: Thọ Xuân",
    searchHint: "Gõ tên xã, phường hoặc cơ quan. Có thể gõ không dấu, ví dụ: tho xuan",
    allTitle: (count: number) => `${count} cơ quan`,
    resultsTitle: (count: number, query: string) => `${count} cơ quan phù hợp với “${query}”`,
    empty: (query: string) => `Không tìm thấy cơ quan nào phù hợp với “${query}”. Thử gõ ngắn hơn, chỉ tên xã, phường.`,
    emptyAll: "Chưa có cơ quan nào trong danh bạ.",
    levels: { province: "Cấp tỉnh", commune: "Cấp xã, phường", other: "Cơ quan khác" } as Record<string, string>,
    selected: "Cơ quan ông/bà cần liên hệ",
    selectedMissing: "Không tìm thấy cơ quan này trong danh bạ. Mời ông/bà tìm theo tên ở bên dưới.",
    savedCopy: (when: string) => `Chưa tải được danh bạ mới nhất. Đang hiển thị danh bạ đã lưu trên máy, cập nhật lúc ${when}.`,
    hotlineBody: "Tổng đài hỗ trợ, trong giờ hành chính:",
    callHotline: (hotline: string) => `Gọi tổng đài ${unbroken(hotline)}`,
    oaBody: (name: string) => `Quan tâm Zalo OA “${name}” để nhận tin tức, thông báo của tỉnh và nhắn tin hỏi đáp.`,
    follow: "Quan tâm Zalo OA của tỉnh",
    followed: "Ông/bà đã quan tâm Zalo OA của tỉnh.",
    followRefused: "Chưa quan tâm được Zalo OA. Mời ông/bà thử lại.",
  },

  procedures: {
    title: "Hướng dẫn thủ tục",
    searchLabel: "Tìm thủ tục",
    searchPlaceholder: "Ví dụ: sổ đỏ, giấy khai sinh",
    searchHint: "Gõ như cách ông/bà vẫn gọi, có dấu hoặc không dấu, ví dụ: sổ đỏ, lam giay khai sinh, căn cước",
    search: "Tìm",
    allTitle: "Tất cả thủ tục",
    resultsTitle: (count: number, query: string) => `${count} thủ tục phù hợp với “${query}”`,
    empty: (query: string) => `Không tìm thấy thủ tục nào phù hợp với “${query}”. Thử gõ ngắn hơn, ví dụ: sổ đỏ, khai sinh, kết hôn, căn cước.`,
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
} as const;
