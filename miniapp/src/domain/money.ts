/** 150000 → "150.000 đồng": Vietnamese groups thousands with dots. Written out so every phone shows the same. */
export function formatVnd(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const digits = String(Math.trunc(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${sign}${digits} đồng`;
}
