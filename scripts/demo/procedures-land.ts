import { COMMUNE_CENTRE, type DemoProcedure, ONLINE } from "./procedure-common";

/** Land registration (Land Law 2024 and Decree 101/2024) and construction permits: the longest and costliest procedures. */
export const LAND_AND_CONSTRUCTION_PROCEDURES: DemoProcedure[] = [
  {
    code: "1.012790",
    desk: "dd",
    filedAt: ["commune"],
    request: {
      name: "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu",
      field: "Đất đai",
      level: "Cấp xã",
      documents: [
        { name: "Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 04/ĐK)", copies: "01 bản" },
        { name: "Một trong các giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai 2024", copies: "01 bản sao", note: "Nếu có" },
        {
          name: "Giấy tờ về tài sản gắn liền với đất (giấy phép xây dựng, hợp đồng mua bán nhà…)",
          copies: "01 bản sao",
          note: "Khi đăng ký cả nhà ở, công trình",
        },
        { name: "Mảnh trích đo bản đồ địa chính thửa đất", copies: "01 bản", note: "Nơi chưa có bản đồ địa chính" },
        { name: "Tờ khai lệ phí trước bạ, tờ khai thuế sử dụng đất phi nông nghiệp", copies: "01 bản mỗi loại" },
        { name: "Giấy tờ chứng minh được miễn, giảm nghĩa vụ tài chính", copies: "01 bản sao", note: "Nếu có" },
      ],
      feeVnd: 100000,
      feeText: "Lệ phí cấp Giấy chứng nhận 100.000 đồng/giấy tại phường, 50.000 đồng/giấy tại xã; chưa gồm tiền sử dụng đất và lệ phí trước bạ (nếu có)",
      legalDays: 20,
      whereToFile: `${COMMUNE_CENTRE} nơi có đất, ${ONLINE}.`,
    },
  },
  {
    code: "1.012806",
    desk: "dd",
    filedAt: ["province", "commune"],
    request: {
      name: "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế",
      field: "Đất đai",
      level: "Cấp tỉnh, cấp xã",
      documents: [
        { name: "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)", copies: "01 bản" },
        { name: "Hợp đồng chuyển nhượng, tặng cho hoặc văn bản thừa kế đã công chứng, chứng thực", copies: "01 bản chính" },
        { name: "Giấy chứng nhận đã cấp", copies: "Bản gốc" },
        { name: "Tờ khai thuế thu nhập cá nhân và tờ khai lệ phí trước bạ", copies: "01 bản mỗi loại" },
      ],
      feeVnd: 50000,
      feeText: "Lệ phí đăng ký biến động 50.000 đồng/hồ sơ; thuế thu nhập cá nhân và lệ phí trước bạ theo thông báo của cơ quan thuế",
      legalDays: 10,
      whereToFile: `Trung tâm Phục vụ hành chính công tỉnh hoặc ${COMMUNE_CENTRE} bất kỳ trong tỉnh (không phụ thuộc nơi có đất), ${ONLINE}.`,
    },
  },
  {
    code: "1.012812",
    desk: "dd",
    filedAt: ["commune"],
    request: {
      name: "Đăng ký, cấp Giấy chứng nhận quyền sở hữu nhà ở gắn liền với đất đã được cấp Giấy chứng nhận (đăng ký bổ sung tài sản)",
      field: "Đất đai",
      level: "Cấp xã",
      documents: [
        { name: "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)", copies: "01 bản" },
        { name: "Giấy chứng nhận quyền sử dụng đất đã cấp", copies: "Bản gốc" },
        { name: "Giấy phép xây dựng nhà ở hoặc giấy tờ về việc tạo lập nhà ở", copies: "01 bản sao" },
        { name: "Sơ đồ nhà ở", copies: "01 bản", note: "Trừ trường hợp giấy tờ đã có sơ đồ phù hợp với hiện trạng" },
        { name: "Chứng từ thực hiện nghĩa vụ tài chính", copies: "01 bản sao", note: "Nếu có" },
      ],
      feeVnd: 100000,
      feeText: "Lệ phí cấp Giấy chứng nhận 100.000 đồng/giấy; lệ phí trước bạ nhà 0,5% giá trị theo bảng giá của tỉnh",
      legalDays: 15,
      whereToFile: `${COMMUNE_CENTRE} nơi có nhà, đất.`,
    },
  },
  {
    code: "1.009994",
    desk: "kt",
    filedAt: ["commune"],
    request: {
      name: "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
      field: "Hoạt động xây dựng",
      level: "Cấp xã",
      documents: [
        { name: "Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)", copies: "01 bản" },
        { name: "Giấy tờ chứng minh quyền sử dụng đất", copies: "01 bản sao có chứng thực" },
        {
          name: "Bản vẽ thiết kế: mặt bằng, mặt cắt, mặt đứng, mặt bằng móng, sơ đồ đấu nối hạ tầng kỹ thuật",
          copies: "02 bộ",
        },
        {
          name: "Bản kê khai năng lực, kinh nghiệm của tổ chức, cá nhân thiết kế",
          copies: "01 bản",
          note: "Không cần với nhà dưới 7 tầng, tổng diện tích sàn dưới 250 m² do hộ gia đình tự thiết kế",
        },
        { name: "Cam kết bảo đảm an toàn đối với công trình liền kề", copies: "01 bản", note: "Khi có tầng hầm hoặc xây chen" },
      ],
      feeVnd: 75000,
      feeText: "75.000 đồng/giấy phép",
      legalDays: 15,
      whereToFile: `${COMMUNE_CENTRE} nơi xây dựng, ${ONLINE}.`,
    },
  },
];
