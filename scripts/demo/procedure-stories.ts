/**
 * What officers actually write at each step of a procedure: the missing documents they ask for, the financial
 * obligations they notify, the reasons for refusing, stopping or being late. Used by the demo dossiers and by
 * the simulator, so both tell believable stories.
 */
export type ProcedureStory = {
  /** Short name for one-line descriptions. */
  short: string;
  processingNote: string;
  supplement?: { documents: string[]; note: string };
  fee?: { amountVnd: number; note: string };
  resultNote: string;
  refuse?: string;
  /** A refusal that sends the citizen to the provincial centre (a matter beyond a commune's competence). */
  refuseToProvince?: boolean;
  withdraw?: string;
  stop?: string;
  /** Why the agency could not meet the due date: goes into the apology (phiếu xin lỗi). */
  delay?: string;
};

export const PROCEDURE_STORIES: Record<string, ProcedureStory> = {
  "1.000894": {
    short: "Đăng ký kết hôn",
    processingNote: "Đang kiểm tra tình trạng hôn nhân của hai bên trên Cơ sở dữ liệu hộ tịch điện tử.",
    supplement: {
      documents: [
        "Giấy xác nhận tình trạng hôn nhân của bên nữ do UBND xã nơi thường trú cấp (bản chính, cấp chưa quá 6 tháng)",
        "Trích lục ghi chú ly hôn của bên nam (bản sao)",
      ],
      note: "Bên nữ thường trú tại địa phương khác nên chưa khai thác được tình trạng hôn nhân trên cơ sở dữ liệu.",
    },
    resultNote: "Giấy chứng nhận kết hôn đã ký. Đề nghị hai bên nam, nữ cùng có mặt, mang theo căn cước khi đến nhận.",
    refuse: "Bên nữ sinh năm 2009, chưa đủ 18 tuổi theo Điều 8 Luật Hôn nhân và gia đình; chưa đủ điều kiện đăng ký kết hôn.",
    withdraw: "Công dân có đơn xin rút hồ sơ để đăng ký kết hôn tại nơi thường trú của bên nữ.",
    delay: "phải xác minh tình trạng hôn nhân của bên nữ tại nơi cư trú trước đây (tỉnh Nghệ An), chưa nhận được văn bản trả lời",
  },
  "1.001193": {
    short: "Đăng ký khai sinh",
    processingNote: "Đang ghi vào Sổ đăng ký khai sinh và cấp số định danh cá nhân cho trẻ.",
    supplement: {
      documents: ["Giấy chứng sinh do cơ sở y tế cấp (bản chính)"],
      note: "Hồ sơ nộp trực tuyến mới có bản chụp giấy chứng sinh.",
    },
    resultNote: "Đã có Giấy khai sinh bản chính; số định danh cá nhân của trẻ đã được cấp.",
    refuse: "Cha, mẹ của trẻ cư trú tại xã khác; hồ sơ không thuộc thẩm quyền. Đề nghị nộp tại nơi cư trú của cha hoặc mẹ hoặc nộp trực tuyến.",
  },
  "1.000656": {
    short: "Đăng ký khai tử",
    processingNote: "Đang ghi vào Sổ đăng ký khai tử.",
    supplement: { documents: ["Giấy báo tử do Trạm Y tế hoặc cơ sở y tế cấp (bản chính)"], note: "Hồ sơ chưa có giấy báo tử bản chính." },
    resultNote: "Đã cấp Trích lục khai tử bản chính.",
  },
  "2.000815": {
    short: "Chứng thực bản sao",
    processingNote: "Đang đối chiếu bản sao với bản chính.",
    resultNote: "Đã chứng thực 12 trang bản sao; lệ phí 18.000 đồng đã thu khi tiếp nhận.",
    refuse: "Bản chính bị tẩy xóa, sửa chữa nội dung; không được chứng thực theo Điều 22 Nghị định 23/2015/NĐ-CP.",
  },
  "1.012790": {
    short: "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
    processingNote: "Đã chuyển Chi nhánh Văn phòng Đăng ký đất đai kiểm tra hồ sơ, trích đo thửa đất và xác định nghĩa vụ tài chính.",
    supplement: {
      documents: [
        "Mảnh trích đo bản đồ địa chính thửa đất số 215, tờ bản đồ số 12 (bản chính)",
        "Giấy tờ về nguồn gốc sử dụng đất trước ngày 15/10/1993, ví dụ biên lai nộp thuế nhà đất (bản sao)",
        "Biên bản xác định ranh giới, mốc giới thửa đất có chữ ký của các hộ liền kề",
      ],
      note: "Diện tích đo đạc thực tế chênh lệch 18 m² so với giấy tờ; cần làm rõ ranh giới.",
    },
    fee: {
      amountVnd: 12_450_000,
      note: "Tiền sử dụng đất 12.200.000 đồng, lệ phí trước bạ 150.000 đồng và lệ phí cấp Giấy chứng nhận 100.000 đồng theo thông báo của cơ quan thuế. Nộp tại ngân hàng hoặc qua ứng dụng ngân hàng, mang biên lai đến quầy.",
    },
    resultNote: "Giấy chứng nhận đã ký. Mời nhận tại quầy số 5, mang theo căn cước và biên lai nộp nghĩa vụ tài chính.",
    withdraw: "Công dân xin rút hồ sơ để hoàn thiện văn bản thỏa thuận phân chia di sản giữa các đồng thừa kế.",
    stop: "Hộ liền kề có đơn tranh chấp ranh giới thửa đất; dừng giải quyết để UBND xã tổ chức hòa giải theo Điều 235 Luật Đất đai.",
    delay: "phải lấy ý kiến khu dân cư về nguồn gốc sử dụng đất và niêm yết công khai 15 ngày theo quy định",
  },
  "1.012806": {
    short: "Đăng ký biến động đất đai (chuyển nhượng)",
    processingNote: "Đã chuyển thông tin sang cơ quan thuế để xác định nghĩa vụ tài chính.",
    supplement: {
      documents: [
        "Hợp đồng chuyển nhượng có đủ chữ ký của vợ, chồng bên chuyển nhượng (bản chính, đã công chứng)",
        "Tờ khai thuế thu nhập cá nhân của bên chuyển nhượng (bản chính, ký đúng mẫu 03/BĐS-TNCN)",
      ],
      note: "Thửa đất là tài sản chung của vợ chồng nhưng hợp đồng thiếu chữ ký của vợ bên chuyển nhượng.",
    },
    fee: {
      amountVnd: 18_800_000,
      note: "Thuế thu nhập cá nhân 15.000.000 đồng, lệ phí trước bạ 3.750.000 đồng theo thông báo của cơ quan thuế, và lệ phí đăng ký biến động 50.000 đồng.",
    },
    resultNote: "Đã xác nhận nội dung biến động trên Giấy chứng nhận. Mời bên nhận chuyển nhượng đến nhận.",
    withdraw: "Hai bên thỏa thuận hủy hợp đồng chuyển nhượng; công dân có đơn xin rút hồ sơ.",
    stop: "Tòa án nhân dân khu vực có văn bản yêu cầu tạm dừng đăng ký biến động để giải quyết vụ án tranh chấp thừa kế liên quan đến thửa đất.",
    delay: "cơ quan thuế phải xác minh lại giá chuyển nhượng vì giá ghi trên hợp đồng thấp hơn bảng giá đất",
  },
  "1.012812": {
    short: "Cấp Giấy chứng nhận quyền sở hữu nhà ở",
    processingNote: "Đang kiểm tra hiện trạng nhà ở so với giấy phép xây dựng.",
    supplement: {
      documents: ["Sơ đồ nhà ở do đơn vị đo đạc có tư cách pháp nhân lập (bản chính)", "Giấy phép xây dựng nhà ở (bản sao có chứng thực)"],
      note: "Hồ sơ chưa có sơ đồ nhà ở phù hợp với hiện trạng.",
    },
    fee: { amountVnd: 1_850_000, note: "Lệ phí trước bạ nhà ở 1.750.000 đồng và lệ phí cấp Giấy chứng nhận 100.000 đồng." },
    resultNote: "Đã ghi nhận quyền sở hữu nhà ở vào Giấy chứng nhận. Mời đến nhận tại quầy, mang theo căn cước.",
    delay: "hiện trạng nhà xây dựng sai khác so với giấy phép (thêm 01 tum thang), phải kiểm tra thực địa",
  },
  "1.009994": {
    short: "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    processingNote: "Đang thẩm định hồ sơ và kiểm tra thực địa khu đất xây dựng.",
    supplement: {
      documents: [
        "Bản vẽ mặt bằng móng và mặt cắt móng (02 bộ, có chữ ký của người chủ trì thiết kế)",
        "Cam kết bảo đảm an toàn đối với công trình liền kề do nhà có tầng hầm",
      ],
      note: "Bản vẽ thiết kế còn thiếu mặt bằng móng; công trình có tầng hầm.",
    },
    resultNote: "Giấy phép xây dựng đã ký. Khi khởi công, đề nghị thông báo cho UBND phường, xã trước 03 ngày làm việc.",
    refuse: "Công trình nhà ở 9 tầng thuộc thẩm quyền cấp phép của Sở Xây dựng, không thuộc thẩm quyền của UBND cấp xã.",
    refuseToProvince: true,
    stop: "Chủ nhà đã khởi công khi chưa có giấy phép và đang bị xử phạt vi phạm hành chính; dừng xem xét cấp phép cho đến khi chấp hành xong quyết định xử phạt.",
    delay: "phải lấy ý kiến về chỉ giới xây dựng vì tuyến đường chưa có quy hoạch chi tiết",
  },
  "1.011519": {
    short: "Đăng ký xe mô tô",
    processingNote: "Đã kiểm tra xe, đối chiếu số khung, số máy; đang in chứng nhận đăng ký xe.",
    supplement: {
      documents: ["Biên lai nộp lệ phí trước bạ (bản chính), vì dữ liệu điện tử chưa đồng bộ về hệ thống đăng ký xe"],
      note: "Chưa nhận được dữ liệu lệ phí trước bạ từ cơ quan thuế.",
    },
    fee: { amountVnd: 400_000, note: "Lệ phí cấp chứng nhận đăng ký và biển số xe mô tô trị giá từ 15 đến 40 triệu đồng (khu vực II)." },
    resultNote: "Chứng nhận đăng ký xe đã in; biển số đã được cấp khi tiếp nhận.",
    refuse: "Số khung của xe không khớp với phiếu kiểm tra chất lượng xuất xưởng; đề nghị liên hệ đại lý bán xe để điều chỉnh chứng từ.",
    withdraw: "Chủ xe chuyển nơi thường trú sang tỉnh khác, xin rút hồ sơ để đăng ký tại nơi cư trú mới.",
  },
  "1.004222": {
    short: "Đăng ký thường trú",
    processingNote: "Đang thẩm định điều kiện đăng ký thường trú.",
    supplement: {
      documents: ["Văn bản đồng ý cho đăng ký thường trú của chủ sở hữu chỗ ở, có chứng thực chữ ký (bản chính)"],
      note: "Chủ hộ chưa ghi ý kiến đồng ý vào tờ khai CT01.",
    },
    resultNote: "Đã cập nhật thông tin thường trú vào Cơ sở dữ liệu về cư trú; thông báo kết quả được gửi qua VNeID.",
    refuse: "Chỗ ở đề nghị đăng ký thuộc khu vực đã có quyết định thu hồi đất; không đủ điều kiện đăng ký thường trú theo Điều 23 Luật Cư trú.",
  },
  "2.000200": {
    short: "Cấp thẻ căn cước",
    processingNote: "Đã thu nhận vân tay, ảnh khuôn mặt và mống mắt; hồ sơ đang chờ duyệt cấp thẻ.",
    supplement: {
      documents: ["Bản sao giấy khai sinh để điều chỉnh ngày sinh trong Cơ sở dữ liệu quốc gia về dân cư"],
      note: "Ngày sinh trong Cơ sở dữ liệu quốc gia về dân cư khác với ngày sinh trên căn cước công dân cũ.",
    },
    resultNote: "Thẻ căn cước đã in xong; mời nhận tại quầy Công an tỉnh hoặc qua bưu điện theo địa chỉ đã đăng ký.",
    withdraw: "Công dân đã đăng ký cấp thẻ tại Công an nơi làm việc, xin rút hồ sơ đã nộp tại tỉnh.",
  },
  "2.000488": {
    short: "Cấp Phiếu lý lịch tư pháp",
    processingNote: "Đang tra cứu, xác minh thông tin lý lịch tư pháp.",
    supplement: {
      documents: ["Văn bản ủy quyền có chứng thực chữ ký, vì người đi nộp không phải cha, mẹ, vợ, chồng, con của người yêu cầu"],
      note: "Hồ sơ nộp thay nhưng chưa có văn bản ủy quyền.",
    },
    fee: { amountVnd: 200_000, note: "Phí cung cấp thông tin lý lịch tư pháp." },
    resultNote: "Phiếu lý lịch tư pháp số 1 đã ký; nhận tại quầy Công an tỉnh hoặc bản điện tử trên VNeID.",
    withdraw: "Công dân đã được cấp phiếu điện tử qua ứng dụng VNeID nên xin rút hồ sơ nộp trực tiếp.",
    delay: "phải xác minh thông tin án tích tại Tòa án nơi người yêu cầu từng cư trú (tỉnh Ninh Bình)",
  },
  "2.001892": {
    short: "Nhập quốc tịch Việt Nam",
    processingNote: "Đã gửi văn bản đề nghị Công an tỉnh xác minh nhân thân người xin nhập quốc tịch.",
    supplement: {
      documents: [
        "Phiếu lý lịch tư pháp do nước ngoài cấp, đã hợp pháp hóa lãnh sự và dịch sang tiếng Việt có chứng thực (03 bản)",
        "Giấy tờ chứng minh trình độ tiếng Việt (03 bản sao)",
      ],
      note: "Phiếu lý lịch tư pháp nước ngoài trong hồ sơ đã cấp quá 90 ngày.",
    },
    fee: { amountVnd: 3_000_000, note: "Lệ phí giải quyết hồ sơ xin nhập quốc tịch Việt Nam." },
    resultNote: "Đã có Quyết định cho nhập quốc tịch Việt Nam; mời nhận tại quầy Sở Tư pháp.",
  },
  "1.004551": {
    short: "Công nhận hạng cơ sở lưu trú du lịch",
    processingNote: "Đã thành lập đoàn thẩm định, đang bố trí lịch kiểm tra thực tế tại cơ sở.",
    supplement: {
      documents: [
        "Bản sao văn bằng, chứng chỉ nghiệp vụ lễ tân của trưởng bộ phận lễ tân",
        "Bản tự đánh giá chất lượng có chữ ký, đóng dấu của người đại diện theo pháp luật",
      ],
      note: "Hồ sơ thiếu chứng chỉ nghiệp vụ của trưởng bộ phận lễ tân.",
    },
    fee: { amountVnd: 2_000_000, note: "Phí thẩm định công nhận hạng 3 sao." },
    resultNote: "Quyết định công nhận hạng 3 sao đã ký. Mời nhận quyết định và biển hạng tại quầy Sở Văn hóa, Thể thao và Du lịch.",
    stop: "Cơ sở đang sửa chữa, nâng cấp, chưa đáp ứng điều kiện thẩm định thực tế; dừng xử lý theo đề nghị của cơ sở.",
    delay: "đoàn thẩm định phải lùi lịch kiểm tra thực tế do ảnh hưởng của bão",
  },
  "2.002402": {
    short: "Giải quyết khiếu nại lần đầu",
    processingNote: "Đã thụ lý; đang xác minh nội dung khiếu nại.",
    supplement: {
      documents: [
        "Bản sao quyết định thu hồi đất và phương án bồi thường bị khiếu nại",
        "Tài liệu chứng minh số lượng cây trồng, vật nuôi trên đất tại thời điểm kiểm đếm (nếu có)",
      ],
      note: "Đơn khiếu nại chưa kèm quyết định bị khiếu nại.",
    },
    resultNote: "Đã ban hành quyết định giải quyết khiếu nại lần đầu. Mời nhận quyết định tại Bộ phận tiếp công dân.",
    refuse: "Đã hết thời hiệu khiếu nại 90 ngày kể từ ngày nhận được quyết định theo Điều 9 Luật Khiếu nại; không thụ lý giải quyết.",
    withdraw: "Người khiếu nại có đơn rút toàn bộ nội dung khiếu nại sau buổi đối thoại với UBND.",
    delay: "vụ việc phức tạp, phải tổ chức đối thoại và xác minh thêm; thời hạn được kéo dài theo Điều 28 Luật Khiếu nại",
  },
  "2.000720": {
    short: "Đăng ký thành lập hộ kinh doanh",
    processingNote: "Đang kiểm tra tên hộ kinh doanh và ngành, nghề đăng ký.",
    supplement: {
      documents: ["Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (bản chính)"],
      note: "Các thành viên hộ gia đình cùng đăng ký nhưng chưa có biên bản họp.",
    },
    fee: { amountVnd: 100_000, note: "Lệ phí đăng ký hộ kinh doanh." },
    resultNote: "Giấy chứng nhận đăng ký hộ kinh doanh đã cấp; mã số hộ kinh doanh đồng thời là mã số thuế.",
    refuse: "Tên hộ kinh doanh trùng với tên hộ kinh doanh đã đăng ký trên địa bàn; đề nghị chọn tên khác.",
  },
};

export function storyOf(procedureCode: string): ProcedureStory {
  const story = PROCEDURE_STORIES[procedureCode];
  if (!story) throw new Error(`no demo story for procedure ${procedureCode}`);
  return story;
}
