/**
 * Finding a procedure with the words people use. Citizens do not search for "Đăng ký đất đai, … cấp Giấy chứng
 * nhận quyền sử dụng đất … lần đầu": they type "làm sổ đỏ", "giấy khai sinh cho con", "căn cước", "xin phép xây
 * nhà", often without diacritics. A synonym table per field turns such words into the words of official names;
 * filler words ("làm", "xin", "thủ tục", "ở đâu"…) are set aside; what is left is matched as before (every word
 * somewhere in the code, name or field); then the procedures are ranked, best first.
 */
import { foldVietnamese, searchWords } from "./text";

export type SearchableProcedure = { code: string; name: string; field: string };

type Synonym = {
  /** What people say. */
  says: string[];
  /** Words of the official names it stands for, the most telling first. */
  means: string[];
  /** Words of related procedures' names or fields: they are found too, after the ones meant. */
  related?: string[];
};

/** Keyed by the field of the procedures meant (as one-stop systems name fields). */
const SYNONYMS: Record<string, Synonym[]> = {
  "Đất đai": [
    {
      says: ["sổ đỏ", "bìa đỏ", "giấy đỏ", "giấy đất", "giấy tờ đất", "sổ đất", "giấy chứng nhận đất", "sổ nhà đất", "giấy tờ nhà đất"],
      means: ["giấy chứng nhận quyền sử dụng đất"],
      related: ["đất đai"],
    },
    {
      // The pink book named the house-and-land certificate; since 2009 there is one certificate for both.
      says: ["sổ hồng", "bìa hồng", "giấy hồng"],
      means: ["giấy chứng nhận quyền sử dụng đất", "quyền sở hữu nhà ở"],
      related: ["đất đai"],
    },
    {
      says: [
        "sang tên",
        "sang tên sổ đỏ",
        "sang tên sổ hồng",
        "sang tên đất",
        "mua bán đất",
        "mua bán nhà đất",
        "bán đất",
        "chuyển nhượng đất",
        "tặng cho đất",
        "thừa kế đất",
        "đất thừa kế",
      ],
      means: ["đăng ký biến động", "chuyển nhượng"],
      related: ["đất đai"],
    },
    { says: ["tách thửa", "tách sổ", "hợp thửa", "gộp sổ"], means: ["tách thửa", "hợp thửa"], related: ["đất đai"] },
  ],
  "Hộ tịch": [
    {
      says: ["giấy khai sinh", "khai sinh cho con", "làm khai sinh", "khai sanh", "giấy khai sanh", "đăng ký khai sanh"],
      means: ["đăng ký khai sinh", "khai sinh"],
    },
    {
      says: ["giấy kết hôn", "giấy đăng ký kết hôn", "hôn thú", "giấy hôn thú", "lấy vợ", "lấy chồng", "đăng ký cưới", "giấy cưới"],
      means: ["đăng ký kết hôn", "kết hôn"],
    },
    { says: ["giấy báo tử", "giấy chứng tử", "báo tử", "người mất", "người chết"], means: ["đăng ký khai tử", "khai tử"] },
    {
      says: ["giấy độc thân", "xác nhận độc thân", "chứng nhận độc thân", "giấy xác nhận độc thân"],
      means: ["xác nhận tình trạng hôn nhân", "tình trạng hôn nhân"],
    },
  ],
  "Căn cước, cư trú": [
    {
      says: [
        "căn cước",
        "thẻ căn cước",
        "căn cước công dân",
        "cccd",
        "cmnd",
        "chứng minh nhân dân",
        "chứng minh thư",
        "căn cước gắn chip",
        "thẻ chip",
        "làm căn cước",
      ],
      means: ["thẻ căn cước", "căn cước"],
    },
    { says: ["đổi căn cước", "đổi cccd", "cấp đổi căn cước", "đổi thẻ căn cước"], means: ["cấp đổi thẻ căn cước", "thẻ căn cước"] },
    { says: ["mất căn cước", "mất cccd", "cấp lại căn cước", "làm lại căn cước"], means: ["cấp lại thẻ căn cước", "thẻ căn cước"] },
    {
      says: ["hộ khẩu", "sổ hộ khẩu", "nhập hộ khẩu", "chuyển hộ khẩu", "đăng ký hộ khẩu", "thường trú"],
      means: ["đăng ký thường trú", "thường trú"],
      related: ["cư trú"],
    },
    { says: ["tạm trú", "khai báo tạm trú", "đăng ký tạm trú"], means: ["đăng ký tạm trú", "tạm trú"], related: ["cư trú"] },
  ],
  "Hoạt động xây dựng": [
    {
      says: ["giấy phép xây nhà", "xin phép xây nhà", "phép xây nhà", "xây nhà", "làm nhà", "cất nhà", "giấy phép xây dựng nhà", "xin phép xây dựng nhà"],
      means: ["giấy phép xây dựng mới đối với nhà ở riêng lẻ", "giấy phép xây dựng", "nhà ở riêng lẻ"],
      related: ["xây dựng"],
    },
    {
      says: ["giấy phép xây dựng", "phép xây dựng", "cấp phép xây dựng", "xin phép xây dựng"],
      means: ["giấy phép xây dựng"],
      related: ["xây dựng"],
    },
    { says: ["sửa nhà", "sửa chữa nhà", "cải tạo nhà"], means: ["sửa chữa, cải tạo"], related: ["giấy phép xây dựng"] },
  ],
  "Đăng ký, quản lý phương tiện giao thông": [
    {
      says: ["đăng ký xe", "đăng ký xe máy", "biển số", "biển số xe", "bấm biển", "cà vẹt", "cavet", "giấy đăng ký xe", "giấy tờ xe", "xe máy"],
      means: ["đăng ký xe mô tô", "đăng ký xe"],
      related: ["phương tiện giao thông"],
    },
  ],
  "Lý lịch tư pháp": [
    { says: ["lý lịch tư pháp", "phiếu lý lịch", "lý lịch", "lltp", "tiền án", "không tiền án"], means: ["phiếu lý lịch tư pháp", "lý lịch tư pháp"] },
  ],
  "Chứng thực": [
    { says: ["công chứng", "sao y", "sao y bản chính", "photo công chứng", "chứng thực", "công chứng giấy tờ"], means: ["chứng thực bản sao", "chứng thực"] },
  ],
  "Thành lập và hoạt động của hộ kinh doanh": [
    {
      says: ["giấy phép kinh doanh", "đăng ký kinh doanh", "mở quán", "mở cửa hàng", "hộ kinh doanh", "kinh doanh", "buôn bán"],
      means: ["đăng ký thành lập hộ kinh doanh", "hộ kinh doanh"],
    },
  ],
  "Giải quyết khiếu nại, tố cáo": [{ says: ["khiếu nại", "khiếu kiện", "tố cáo", "đơn thư"], means: ["giải quyết khiếu nại", "khiếu nại", "tố cáo"] }],
  "Du lịch": [
    {
      says: ["khách sạn", "xếp hạng sao", "xếp hạng khách sạn", "công nhận sao", "homestay", "nhà nghỉ"],
      means: ["công nhận hạng cơ sở lưu trú du lịch", "cơ sở lưu trú du lịch"],
    },
  ],
  "Quốc tịch": [{ says: ["nhập quốc tịch", "xin quốc tịch", "quốc tịch việt nam"], means: ["nhập quốc tịch"], related: ["quốc tịch"] }],
};

/** Words people add around what they look for; set aside unless part of a synonym ("làm nhà"). */
const FILLERS = [
  "thủ tục",
  "hồ sơ",
  "ở đâu",
  "như thế nào",
  "thế nào",
  "làm sao",
  "làm thế nào",
  "bao lâu",
  "mất bao lâu",
  "cần gì",
  "cần những gì",
  "những gì",
  "giấy tờ gì",
  "hướng dẫn",
  "bao nhiêu tiền",
  "hết bao nhiêu",
  "cho con",
  "cho bố",
  "cho mẹ",
  "cho vợ",
  "cho chồng",
  "làm",
  "xin",
  "cách",
  "muốn",
  "tôi",
  "mình",
  "ở",
  "đâu",
  "gì",
  "ạ",
  "nhé",
  "giúp",
  "hỏi",
  "cho",
  "nộp",
  "của",
];

const words = (text: string) => searchWords(text).split(" ").filter(Boolean);
const phrase = (text: string) => words(text).join(" ");

type Meaning = { means: string[]; related: string[] };

/** Every phrase people say, folded, longest first, with what it means. */
const SAYINGS: { words: string[]; meaning: Meaning }[] = Object.values(SYNONYMS)
  .flat()
  .flatMap((synonym) => {
    const meaning = { means: synonym.means.map(phrase), related: (synonym.related ?? []).map(phrase) };
    return synonym.says.map((said) => ({ words: words(said), meaning }));
  })
  .sort((a, b) => b.words.length - a.words.length);

const FILLER_PHRASES = FILLERS.map(words).sort((a, b) => b.length - a.length);

export type ProcedureQuery = {
  /** What the synonyms found say the citizen means. */
  meanings: Meaning[];
  /** Every word but the fillers, synonyms' words included. */
  words: string[];
  /** The citizen's own words left once synonyms and fillers are set aside (a procedure code's dots kept). */
  rest: string[];
};

/** Splits a query into synonyms found (longest phrase first, left to right), fillers and the remaining words. */
export function readProcedureQuery(q: string): ProcedureQuery {
  const tokens = foldVietnamese(q)
    .replace(/[^a-z0-9.]+/g, " ")
    .split(" ")
    .map((t) => t.replace(/^\.+|\.+$/g, ""))
    .filter(Boolean)
    .slice(0, 12);
  const bare = tokens.map((t) => t.replace(/\./g, ""));
  const meanings: Meaning[] = [];
  const kept: string[] = [];
  const rest: string[] = [];
  const startsWith = (at: number, phraseWords: string[]) => phraseWords.every((w, k) => bare[at + k] === w);
  for (let i = 0; i < tokens.length; ) {
    const saying = SAYINGS.find((s) => startsWith(i, s.words));
    if (saying) {
      if (!meanings.includes(saying.meaning)) meanings.push(saying.meaning);
      kept.push(...bare.slice(i, i + saying.words.length));
      i += saying.words.length;
      continue;
    }
    const filler = FILLER_PHRASES.find((f) => startsWith(i, f));
    if (filler) {
      i += filler.length;
      continue;
    }
    rest.push(tokens[i]!);
    kept.push(tokens[i]!);
    i++;
  }
  return { meanings, words: kept, rest };
}

const SAID_MEANS = [100, 80, 60];
const SAID_RELATED = 30;

/**
 * The procedures matching `q`, best first (a stable sort: equal scores keep the order given).
 * - Without synonyms, a procedure must hold every remaining word somewhere in its code, name or field, as before.
 * - With synonyms, the procedures they mean are found, and so is any procedure that holds every word as a whole
 *   word ("kinh doanh" still finds every business procedure); the other words only rank.
 * - When nothing holds every word, procedures holding two thirds of them as whole words are offered instead.
 */
export function rankProcedures<P extends SearchableProcedure>(procedures: readonly P[], q: string): P[] {
  const query = readProcedureQuery(q);
  if (query.words.length === 0) return [...procedures];
  const undotted = (word: string) => word.replace(/\./g, "");

  const scored = procedures.map((procedure) => {
    const name = ` ${phrase(procedure.name)} `;
    const field = ` ${phrase(procedure.field)} `;
    const text = foldVietnamese(`${procedure.code} ${procedure.name} ${procedure.field}`);
    const has = (haystack: string, folded: string) => folded !== "" && haystack.includes(` ${folded} `);
    const inCode = (word: string) => /\d/.test(word) && procedure.code.includes(word);
    const whole = (word: string) => inCode(word) || has(name, undotted(word)) || has(field, undotted(word));

    let said = 0;
    for (const meaning of query.meanings) {
      const rank = meaning.means.findIndex((m) => has(name, m));
      if (rank >= 0) said += SAID_MEANS[Math.min(rank, SAID_MEANS.length - 1)]!;
      else if (meaning.related.some((r) => has(name, r) || has(field, r))) said += SAID_RELATED;
    }

    let own = 0;
    for (const word of query.rest) {
      const bare = undotted(word);
      if (inCode(word)) own += 200;
      if (has(name, bare)) own += 10;
      else if (name.includes(` ${bare}`)) own += 6;
      else if (name.includes(bare)) own += 3;
      else if (field.includes(bare)) own += 2;
    }
    if (query.rest.length > 1) {
      const together = query.rest.map(undotted).join(" ");
      if (name.startsWith(` ${together} `)) own += 30;
      else if (has(name, together)) own += 20;
    }
    return {
      procedure,
      score: said + own,
      said,
      everyWordWhole: query.words.every(whole),
      everyWordFound: query.rest.every((word) => text.includes(word)),
      wholeWords: query.words.filter(whole).length,
    };
  });

  let matches = query.meanings.length > 0 ? scored.filter((s) => s.said > 0 || s.everyWordWhole) : scored.filter((s) => s.everyWordFound);
  if (matches.length === 0 && query.words.length > 1) {
    const needed = Math.ceil((query.words.length * 2) / 3);
    matches = scored.filter((s) => s.wholeWords >= needed);
  }
  return matches.sort((a, b) => b.score - a.score).map((s) => s.procedure);
}
