// The provinces the benches seed: their directory row, agencies (weighted by how many dossiers they receive) and
// which procedures each agency receives (indexes into PROCEDURES in dossiers.mjs). Thanh Hóa is the one every bench
// seeds; Nghệ An is the second province of bench/shards.mjs, shaped the same way so the two carry the same load.

export const THANH_HOA = {
  id: "thanh-hoa",
  /** The D1 binding that holds it (wrangler.jsonc), as `npm start` places the demo province. */
  shard: "DB_THANH_HOA",
  row: {
    id: "thanh-hoa",
    name: "Tỉnh Thanh Hóa",
    short_name: "Thanh Hóa",
    channel_name: "Một cửa Thanh Hóa",
    primary_color: "#0b5ed7",
    accent_color: "#f59f00",
    logo_url: null,
    hotline: "0237 3852 000",
    zalo_oa_id: null,
    mini_app_id: null,
    agency_code: "H56",
  },
  street: "đường Đại lộ Lê Lợi, TP Thanh Hóa",
  phonePrefix: "0237 38",
  agencies: [
    { id: "000.00.06.H56", name: "Sở Tư pháp tỉnh Thanh Hóa", shortName: "Sở Tư pháp", level: "province", weight: 3, procedures: [3] },
    { id: "000.00.07.H56", name: "Sở Kế hoạch và Đầu tư tỉnh Thanh Hóa", shortName: "Sở KH&ĐT", level: "province", weight: 2, procedures: [4] },
    { id: "000.00.13.H56", name: "Sở Tài nguyên và Môi trường tỉnh Thanh Hóa", shortName: "Sở TN&MT", level: "province", weight: 3, procedures: [5, 6] },
    { id: "000.00.14.H56", name: "Sở Xây dựng tỉnh Thanh Hóa", shortName: "Sở Xây dựng", level: "province", weight: 1, procedures: [7] },
    { id: "000.00.15.H56", name: "Sở Giao thông vận tải tỉnh Thanh Hóa", shortName: "Sở GTVT", level: "province", weight: 2, procedures: [8] },
    { id: "000.20.33.H56", name: "UBND thành phố Thanh Hóa", shortName: "TP Thanh Hóa", level: "district", weight: 4, procedures: [0, 1, 2, 6, 7, 9] },
    { id: "000.21.33.H56", name: "UBND thành phố Sầm Sơn", shortName: "TP Sầm Sơn", level: "district", weight: 2, procedures: [0, 1, 2, 9] },
    { id: "000.37.33.H56", name: "UBND huyện Hoằng Hóa", shortName: "Hoằng Hóa", level: "district", weight: 3, procedures: [0, 1, 2, 5, 6, 9] },
  ],
};

export const NGHE_AN = {
  id: "nghe-an",
  shard: "DB_NGHE_AN",
  row: {
    id: "nghe-an",
    name: "Tỉnh Nghệ An",
    short_name: "Nghệ An",
    channel_name: "Dịch vụ công Nghệ An",
    primary_color: "#14508c",
    accent_color: "#d6457a",
    logo_url: null,
    hotline: "0238 3 599 599",
    zalo_oa_id: null,
    mini_app_id: null,
    agency_code: "H40",
  },
  street: "đường Trường Thi, TP Vinh",
  phonePrefix: "0238 38",
  agencies: [
    { id: "000.00.06.H40", name: "Sở Tư pháp tỉnh Nghệ An", shortName: "Sở Tư pháp", level: "province", weight: 3, procedures: [3] },
    { id: "000.00.07.H40", name: "Sở Kế hoạch và Đầu tư tỉnh Nghệ An", shortName: "Sở KH&ĐT", level: "province", weight: 2, procedures: [4] },
    { id: "000.00.13.H40", name: "Sở Tài nguyên và Môi trường tỉnh Nghệ An", shortName: "Sở TN&MT", level: "province", weight: 3, procedures: [5, 6] },
    { id: "000.00.14.H40", name: "Sở Xây dựng tỉnh Nghệ An", shortName: "Sở Xây dựng", level: "province", weight: 1, procedures: [7] },
    { id: "000.00.15.H40", name: "Sở Giao thông vận tải tỉnh Nghệ An", shortName: "Sở GTVT", level: "province", weight: 2, procedures: [8] },
    { id: "000.20.33.H40", name: "UBND thành phố Vinh", shortName: "TP Vinh", level: "district", weight: 4, procedures: [0, 1, 2, 6, 7, 9] },
    { id: "000.21.33.H40", name: "UBND thị xã Cửa Lò", shortName: "TX Cửa Lò", level: "district", weight: 2, procedures: [0, 1, 2, 9] },
    { id: "000.37.33.H40", name: "UBND huyện Nghi Lộc", shortName: "Nghi Lộc", level: "district", weight: 3, procedures: [0, 1, 2, 5, 6, 9] },
  ],
};
