/** Text colour that stays readable on a province's brand colour (WCAG relative luminance). */
export function inkOn(background: string): "#ffffff" | "#141415" {
  const match = /^#?([0-9a-f]{6})$/i.exec(background.trim());
  if (!match) return "#ffffff";
  const value = parseInt(match[1]!, 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  // Contrast with white is (1.05)/(L+0.05); with near-black it is (L+0.05)/(0.0086+0.05): pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0586 ? "#ffffff" : "#141415";
}

export function isHexColor(value: string | null | undefined): value is string {
  return !!value && /^#[0-9a-f]{6}$/i.test(value);
}
