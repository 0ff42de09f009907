// Progress as subscribers see it: a percentage to one decimal. Computed fractions (a workflow's
// average, a handler's `20 + fraction * 75`) carry float noise such as 40.300000000000004.
export function roundProgress(percent: number): number {
  return Math.round(Math.min(100, Math.max(0, percent)) * 10) / 10;
}
