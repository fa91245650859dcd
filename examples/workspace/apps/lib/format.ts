export function percent(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)} %`;
}
