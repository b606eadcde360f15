// Go-style durations ("8760h", "87600h0m0s", "90m") as kubeadm's ClusterConfiguration writes them.

const UNIT_SECONDS: Record<string, number> = {h: 3600, m: 60, s: 1};
const GO_DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Seconds in a Go duration, or undefined when the text is not one (no signs, fractions or ms/us/ns). */
export function parseDurationSeconds(text: string): number | undefined {
  const match = GO_DURATION.exec(text);
  if (!match || text === '') return undefined;
  const [, h, m, s] = match;
  return ['h', 'm', 's'].reduce((sum, unit, i) => sum + Number([h, m, s][i] ?? 0) * UNIT_SECONDS[unit]!, 0);
}

/** Hours (possibly fractional) in a Go duration. */
export function parseDurationHours(text: string): number | undefined {
  const seconds = parseDurationSeconds(text);
  return seconds === undefined ? undefined : seconds / 3600;
}

/** "8760h" → "365 days"; "87600h" → "3650 days (10 years)"; for people, not machines. */
export function describeHours(hours: number): string {
  if (hours < 48) return `${hours} hours`;
  const days = Math.round((hours / 24) * 10) / 10;
  const years = days / 365;
  return Number.isInteger(years) ? `${days} days (${years} year${years === 1 ? '' : 's'})` : `${days} days`;
}
