/** Lower-case Vietnamese text without diacritics, so "dang ky ket hon" matches "Đăng ký kết hôn". */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Folded words for word-start search: "Ổ gà (đường Bà Triệu)" → "o ga duong ba trieu". Stored with a leading space,
 * so `LIKE '% ga%'` finds words that start with "ga" and not "ngay".
 */
export function searchWords(text: string): string {
  const words = foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return words ? ` ${words}` : "";
}
