/**
 * The demo province's news: one post of each category and a second notice, published over the last days (times
 * relative to the seed), one with a cover drawn in code. They are history by the time anyone opens the demo, so
 * they are published without messaging subscribers (notify false); news written in the staff area does message.
 */
import type { NewsRequest } from "./types";

export type DemoNews = { id: string; request: NewsRequest; cover: boolean };

const hoursAgo = (now: Date, hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

export function demoNews(now: Date): DemoNews[] {
  return [
    {
      id: "tin-demo-lich-tiep-dan",
      cover: false,
      request: {
        category: "thong-bao",
        title: "Lịch tiếp công dân định kỳ của lãnh đạo UBND tỉnh trong tháng",
        summary: "Lãnh đạo UBND tỉnh tiếp công dân vào sáng thứ Năm tuần thứ hai và thứ tư tại Trụ sở Tiếp công dân tỉnh.",
        body: [
          "Chủ tịch hoặc Phó Chủ tịch UBND tỉnh tiếp công dân định kỳ vào sáng thứ Năm của tuần thứ hai và tuần thứ tư trong tháng, từ 7 giờ 30 đến 11 giờ 30, tại Trụ sở Tiếp công dân tỉnh.",
          "Ông/bà có khiếu nại, tố cáo, kiến nghị, phản ánh vui lòng mang theo căn cước và các giấy tờ liên quan. Người đi cùng để giúp đỡ người cao tuổi, người khuyết tật được vào cùng.",
          "Ông/bà cũng có thể gửi phản ánh, kiến nghị ngay trong ứng dụng này, mục Phản ánh, kiến nghị.",
        ].join("\n\n"),
        publishedAt: hoursAgo(now, 3),
        notify: false,
      },
    },
    {
      id: "tin-demo-nop-truc-tuyen",
      cover: true,
      request: {
        category: "huong-dan",
        title: "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia trong 5 bước",
        summary: "Đăng nhập bằng tài khoản định danh điện tử VNeID, chọn thủ tục, điền tờ khai, đính kèm giấy tờ và theo dõi hồ sơ.",
        body: [
          "Bước 1. Vào Cổng Dịch vụ công quốc gia tại https://dichvucong.gov.vn và đăng nhập bằng tài khoản định danh điện tử VNeID mức độ 2.",
          "Bước 2. Tìm thủ tục cần làm, chọn cơ quan giải quyết là Trung tâm Phục vụ hành chính công tỉnh hoặc UBND xã, phường nơi ông/bà cư trú.",
          "Bước 3. Điền tờ khai điện tử. Thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư được điền sẵn.",
          "Bước 4. Đính kèm bản chụp giấy tờ theo yêu cầu, rồi nộp hồ sơ. Ông/bà nhận mã hồ sơ qua tin nhắn và thư điện tử.",
          "Bước 5. Theo dõi hồ sơ bằng mã đó ngay trong ứng dụng này. Khi có kết quả, ông/bà được báo để đến nhận hoặc nhận qua bưu điện.",
        ].join("\n\n"),
        publishedAt: hoursAgo(now, 26),
        notify: false,
      },
    },
    {
      id: "tin-demo-uu-tien-nguoi-cao-tuoi",
      cover: false,
      request: {
        category: "chinh-sach",
        title: "Ưu tiên người cao tuổi, người khuyết tật khi làm thủ tục hành chính",
        summary: "Người từ 75 tuổi, người khuyết tật nặng, phụ nữ mang thai được giải quyết trước, không phải lấy số thứ tự.",
        body: [
          "Tại Trung tâm Phục vụ hành chính công tỉnh và bộ phận một cửa các xã, phường, người từ 75 tuổi trở lên, người khuyết tật nặng, phụ nữ mang thai và người có công với cách mạng được tiếp nhận, giải quyết trước.",
          "Ông/bà chỉ cần báo với cán bộ hướng dẫn ở cửa vào; không phải lấy số thứ tự. Nếu không tự đi lại được, ông/bà có thể đề nghị cán bộ đến tận nhà tiếp nhận hồ sơ đối với một số thủ tục.",
          "Mọi thắc mắc xin gọi đường dây nóng của tỉnh.",
        ].join("\n\n"),
        publishedAt: hoursAgo(now, 4 * 24),
        notify: false,
      },
    },
    {
      id: "tin-demo-lam-viec-thu-bay",
      cover: false,
      request: {
        category: "thong-bao",
        title: "Trung tâm Phục vụ hành chính công tỉnh làm việc sáng thứ Bảy",
        summary: "Từ tháng này, Trung tâm nhận và trả hồ sơ cả buổi sáng thứ Bảy, từ 7 giờ 30 đến 11 giờ 30.",
        body: [
          "Để người dân đi làm trong tuần có thể đến nộp và nhận kết quả, Trung tâm Phục vụ hành chính công tỉnh tiếp nhận và trả hồ sơ vào sáng thứ Bảy hằng tuần, từ 7 giờ 30 đến 11 giờ 30.",
          "Giờ làm việc các ngày khác không đổi. Địa chỉ, số điện thoại và giờ làm việc của từng nơi có trong mục Danh bạ của ứng dụng.",
        ].join("\n\n"),
        publishedAt: hoursAgo(now, 10 * 24),
        notify: false,
      },
    },
  ];
}
