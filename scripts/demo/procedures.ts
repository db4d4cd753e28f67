import { LAND_AND_CONSTRUCTION_PROCEDURES } from "./procedures-land";
import { COMMUNE_CENTRE, type DemoProcedure, ONLINE } from "./procedure-common";

export type { DemoProcedure } from "./procedure-common";

/**
 * Procedures of the demo province as its one-stop system publishes them: national-style codes, the documents
 * actually asked for, fees and legal processing times (working days) as set by the laws and decrees in force.
 */
export const DEMO_PROCEDURES: DemoProcedure[] = [
  {
    code: "1.000894",
    desk: "tpht",
    filedAt: ["commune"],
    request: {
      name: "Đăng ký kết hôn",
      field: "Hộ tịch",
      level: "Cấp xã",
      documents: [
        { name: "Tờ khai đăng ký kết hôn (theo mẫu)", copies: "01 bản", note: "Hai bên nam, nữ có thể khai chung một tờ khai" },
        {
          name: "Giấy xác nhận tình trạng hôn nhân",
          copies: "01 bản chính",
          note: "Chỉ khi đăng ký kết hôn tại nơi không phải nơi thường trú; không cần nếu đã khai thác được trên Cơ sở dữ liệu hộ tịch điện tử",
        },
        { name: "Căn cước công dân hoặc hộ chiếu của hai bên", copies: "Xuất trình bản chính" },
        { name: "Trích lục ghi chú ly hôn hoặc bản án, quyết định ly hôn đã có hiệu lực", copies: "01 bản sao", note: "Nếu đã từng kết hôn" },
      ],
      feeText: "Miễn lệ phí",
      legalDays: 5,
      whereToFile: `${COMMUNE_CENTRE} nơi thường trú của bên nam hoặc bên nữ; hai bên phải có mặt khi nhận Giấy chứng nhận kết hôn.`,
    },
  },
  {
    code: "1.001193",
    desk: "tpht",
    filedAt: ["commune"],
    request: {
      name: "Đăng ký khai sinh",
      field: "Hộ tịch",
      level: "Cấp xã",
      documents: [
        { name: "Tờ khai đăng ký khai sinh (theo mẫu)", copies: "01 bản" },
        {
          name: "Giấy chứng sinh",
          copies: "01 bản chính",
          note: "Không có giấy chứng sinh thì nộp văn bản của người làm chứng hoặc giấy cam đoan về việc sinh",
        },
        { name: "Căn cước công dân của người đi đăng ký", copies: "Xuất trình bản chính" },
        { name: "Giấy chứng nhận kết hôn của cha, mẹ", copies: "Xuất trình bản chính", note: "Nếu cha, mẹ đã đăng ký kết hôn" },
      ],
      feeText: "Miễn lệ phí khi đăng ký đúng hạn",
      legalDays: 1,
      whereToFile: `${COMMUNE_CENTRE} nơi cư trú của cha hoặc mẹ, ${ONLINE}.`,
    },
  },
  {
    code: "1.000656",
    desk: "tpht",
    filedAt: ["commune"],
    request: {
      name: "Đăng ký khai tử",
      field: "Hộ tịch",
      level: "Cấp xã",
      documents: [
        { name: "Tờ khai đăng ký khai tử (theo mẫu)", copies: "01 bản" },
        { name: "Giấy báo tử hoặc giấy tờ thay thế giấy báo tử", copies: "01 bản chính" },
      ],
      feeText: "Miễn lệ phí",
      legalDays: 1,
      whereToFile: `${COMMUNE_CENTRE} nơi cư trú cuối cùng của người chết, ${ONLINE}.`,
    },
  },
  {
    code: "2.000815",
    desk: "tpht",
    filedAt: ["commune"],
    request: {
      name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
      field: "Chứng thực",
      level: "Cấp xã",
      documents: [
        { name: "Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", copies: "Xuất trình" },
        { name: "Bản sao cần chứng thực", note: "Nếu người yêu cầu tự chuẩn bị; nếu không, cơ quan chụp từ bản chính" },
      ],
      feeVnd: 2000,
      feeText: "2.000 đồng/trang; từ trang thứ ba trở đi 1.000 đồng/trang, tối đa 200.000 đồng/bản",
      legalDays: 1,
      whereToFile: `${COMMUNE_CENTRE} bất kỳ, không phụ thuộc nơi cư trú; nhận trong ngày nếu nộp trước 15 giờ.`,
    },
  },
  ...LAND_AND_CONSTRUCTION_PROCEDURES,
  {
    code: "1.011519",
    desk: "ca",
    filedAt: ["commune"],
    request: {
      name: "Đăng ký xe mô tô, xe gắn máy lần đầu tại Công an cấp xã",
      field: "Đăng ký, quản lý phương tiện giao thông",
      level: "Cấp xã",
      documents: [
        { name: "Giấy khai đăng ký xe (kê khai trên Cổng Dịch vụ công hoặc tại nơi đăng ký)", copies: "01 bản" },
        { name: "Chứng từ nguồn gốc xe (phiếu kiểm tra chất lượng xuất xưởng hoặc tờ khai hải quan)", copies: "Bản chính hoặc dữ liệu điện tử" },
        { name: "Hóa đơn bán hàng (chứng từ chuyển quyền sở hữu xe)", copies: "Bản chính hoặc hóa đơn điện tử" },
        { name: "Chứng từ nộp lệ phí trước bạ", copies: "Dữ liệu điện tử hoặc bản chính" },
        { name: "Căn cước công dân gắn chip hoặc tài khoản định danh điện tử mức độ 2", copies: "Xuất trình" },
      ],
      feeVnd: 150000,
      feeText: "Phường (khu vực II): 200.000–800.000 đồng/lần tùy giá trị xe; xã (khu vực III): 150.000 đồng/lần",
      legalDays: 2,
      whereToFile: "Công an cấp xã nơi thường trú (cấp biển số ngay khi hồ sơ hợp lệ), hoặc nộp trực tuyến rồi mang xe đến kiểm tra.",
    },
  },
  {
    code: "1.004222",
    desk: "ca",
    filedAt: ["commune"],
    request: {
      name: "Đăng ký thường trú",
      field: "Đăng ký, quản lý cư trú",
      level: "Cấp xã",
      documents: [
        { name: "Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", copies: "01 bản" },
        { name: "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", copies: "01 bản sao", note: "Không cần nếu đã có trong cơ sở dữ liệu" },
        { name: "Giấy tờ chứng minh quan hệ nhân thân với chủ hộ", copies: "01 bản sao", note: "Khi nhập vào hộ gia đình đã có" },
        { name: "Ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở", note: "Ghi vào tờ khai hoặc văn bản riêng" },
      ],
      feeVnd: 20000,
      feeText: "20.000 đồng/lần khi nộp trực tiếp; 10.000 đồng/lần khi nộp trực tuyến",
      legalDays: 7,
      whereToFile: `Công an cấp xã nơi cư trú, ${ONLINE} hoặc ứng dụng VNeID.`,
    },
  },
  {
    code: "2.000200",
    desk: "ca",
    filedAt: ["province"],
    request: {
      name: "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên",
      field: "Căn cước",
      level: "Cấp tỉnh",
      documents: [
        {
          name: "Phiếu thu nhận thông tin căn cước (Mẫu CC01)",
          copies: "01 bản",
          note: "Cán bộ in từ Cơ sở dữ liệu quốc gia về dân cư để người đề nghị kiểm tra, ký",
        },
        {
          name: "Giấy tờ chứng minh thông tin nhân thân",
          copies: "Xuất trình bản chính",
          note: "Chỉ khi thông tin chưa có hoặc chưa đúng trong Cơ sở dữ liệu quốc gia về dân cư",
        },
        { name: "Căn cước công dân hoặc chứng minh nhân dân cũ", copies: "Nộp lại", note: "Nếu có" },
      ],
      feeText: "Không thu lệ phí khi cấp thẻ căn cước lần đầu",
      legalDays: 7,
      whereToFile:
        "Quầy Công an tỉnh tại Trung tâm Phục vụ hành chính công tỉnh; đặt lịch trước trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID. Người đề nghị đến trực tiếp để thu nhận vân tay, ảnh khuôn mặt và mống mắt.",
    },
  },
  {
    code: "2.000488",
    desk: "ca",
    filedAt: ["province"],
    request: {
      name: "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
      field: "Lý lịch tư pháp",
      level: "Cấp tỉnh",
      documents: [
        { name: "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (theo mẫu)", copies: "01 bản" },
        { name: "Căn cước công dân hoặc hộ chiếu", copies: "01 bản chụp, xuất trình bản chính để đối chiếu" },
        { name: "Văn bản ủy quyền có chứng thực", copies: "01 bản", note: "Khi ủy quyền; cha, mẹ, vợ, chồng, con không cần" },
        { name: "Giấy tờ chứng minh thuộc diện miễn, giảm phí", copies: "01 bản sao", note: "Nếu có" },
      ],
      feeVnd: 200000,
      feeText: "200.000 đồng/lần; sinh viên, người có công: 100.000 đồng; trẻ em, người cao tuổi, người khuyết tật, hộ nghèo: miễn phí",
      legalDays: 10,
      whereToFile: "Quầy Công an tỉnh tại Trung tâm Phục vụ hành chính công tỉnh, hoặc trên ứng dụng VNeID (nhận phiếu điện tử).",
    },
  },
  {
    code: "2.001892",
    desk: "stp",
    filedAt: ["province"],
    request: {
      name: "Nhập quốc tịch Việt Nam",
      field: "Quốc tịch",
      level: "Cấp tỉnh",
      documents: [
        { name: "Đơn xin nhập quốc tịch Việt Nam (theo mẫu)", copies: "03 bản" },
        { name: "Bản sao giấy khai sinh, hộ chiếu hoặc giấy tờ có giá trị thay thế", copies: "03 bộ" },
        { name: "Bản khai lý lịch (theo mẫu)", copies: "03 bản" },
        {
          name: "Phiếu lý lịch tư pháp do Việt Nam cấp và do nước ngoài cấp",
          copies: "03 bản",
          note: "Cấp không quá 90 ngày trước ngày nộp hồ sơ",
        },
        { name: "Giấy tờ chứng minh trình độ tiếng Việt", copies: "03 bản sao", note: "Trừ người được miễn theo Luật Quốc tịch" },
        { name: "Giấy tờ chứng minh chỗ ở, thời gian thường trú tại Việt Nam", copies: "03 bản sao" },
        { name: "Giấy tờ chứng minh bảo đảm cuộc sống tại Việt Nam", copies: "03 bản sao" },
      ],
      feeVnd: 3000000,
      feeText: "3.000.000 đồng/hồ sơ; miễn cho người không quốc tịch cư trú ổn định tại Việt Nam",
      legalDays: 115,
      whereToFile: "Quầy Sở Tư pháp tại Trung tâm Phục vụ hành chính công tỉnh (nộp trực tiếp, không ủy quyền).",
    },
  },
  {
    code: "1.004551",
    desk: "vhttdl",
    filedAt: ["province"],
    request: {
      name: "Công nhận hạng cơ sở lưu trú du lịch hạng 1 sao, 2 sao, 3 sao đối với khách sạn, biệt thự du lịch, căn hộ du lịch",
      field: "Du lịch",
      level: "Cấp tỉnh",
      documents: [
        { name: "Đơn đề nghị công nhận hạng cơ sở lưu trú du lịch (theo mẫu)", copies: "01 bản" },
        { name: "Bản tự đánh giá chất lượng theo tiêu chuẩn quốc gia (TCVN 4391:2015 đối với khách sạn)", copies: "01 bản" },
        { name: "Danh sách người quản lý và nhân viên", copies: "01 bản" },
        { name: "Văn bằng, chứng chỉ nghiệp vụ của người quản lý và trưởng các bộ phận", copies: "01 bản sao" },
      ],
      feeVnd: 1500000,
      feeText: "Phí thẩm định: 1.500.000 đồng/hồ sơ (1–2 sao), 2.000.000 đồng/hồ sơ (3 sao)",
      legalDays: 30,
      whereToFile: "Quầy Sở Văn hóa, Thể thao và Du lịch tại Trung tâm Phục vụ hành chính công tỉnh, hoặc qua dịch vụ bưu chính công ích.",
    },
  },
  {
    code: "2.002402",
    desk: "vp",
    filedAt: ["commune"],
    request: {
      name: "Giải quyết khiếu nại lần đầu tại cấp xã",
      field: "Giải quyết khiếu nại",
      level: "Cấp xã",
      documents: [
        {
          name: "Đơn khiếu nại ghi rõ ngày, tháng, năm, họ tên, địa chỉ, nội dung, lý do và yêu cầu giải quyết",
          copies: "01 bản",
          note: "Có chữ ký hoặc điểm chỉ",
        },
        { name: "Văn bản ủy quyền khiếu nại", copies: "01 bản", note: "Khi khiếu nại qua người đại diện" },
        { name: "Tài liệu, chứng cứ liên quan", note: "Nếu có" },
      ],
      feeText: "Không thu phí",
      legalDays: 30,
      whereToFile: "Bộ phận tiếp công dân của UBND cấp xã; với vụ việc phức tạp thời hạn giải quyết không quá 45 ngày.",
    },
  },
  {
    code: "2.000720",
    desk: "kt",
    filedAt: ["commune"],
    request: {
      name: "Đăng ký thành lập hộ kinh doanh",
      field: "Thành lập và hoạt động của hộ kinh doanh",
      level: "Cấp xã",
      documents: [
        { name: "Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)", copies: "01 bản" },
        { name: "Bản sao giấy tờ pháp lý của cá nhân các thành viên hộ gia đình", copies: "01 bộ" },
        { name: "Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh", copies: "01 bản", note: "Khi các thành viên cùng đăng ký" },
        { name: "Văn bản ủy quyền cho thành viên làm chủ hộ kinh doanh", copies: "01 bản", note: "Nếu có" },
      ],
      feeVnd: 100000,
      feeText: "100.000 đồng/lần; miễn khi đăng ký trực tuyến",
      legalDays: 3,
      whereToFile: `${COMMUNE_CENTRE} nơi đặt địa điểm kinh doanh, ${ONLINE}.`,
    },
  },
];

export function procedureByCode(code: string): DemoProcedure {
  const procedure = DEMO_PROCEDURES.find((p) => p.code === code);
  if (!procedure) throw new Error(`unknown demo procedure ${code}`);
  return procedure;
}
