/** `1.2.3` (optionally with a `-pre` or `+build` suffix). */
export const VERSION_PATTERN = /^(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.-]+)?$/;

const parts = (version: string): [number, number, number] => {
  const m = VERSION_PATTERN.exec(version);
  return [Number(m?.[1] ?? 0), Number(m?.[2] ?? 0), Number(m?.[3] ?? 0)];
};

/** Orders versions by their numbers; equal numbers fall back to string order. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let k = 0; k < 3; k++) {
    const d = (x[k] ?? 0) - (y[k] ?? 0);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export const newestVersion = (versions: readonly string[]): string =>
  versions.reduce((best, v) => (compareVersions(v, best) > 0 ? v : best), versions[0] ?? '0.0.0');

/** A release: the next minor version. */
export function nextMinor(version: string): string {
  const [major, minor] = parts(version);
  return `${major}.${minor + 1}.0`;
}

/** A hotfix: the next patch version. */
export function nextPatch(version: string): string {
  const [major, minor, patch] = parts(version);
  return `${major}.${minor}.${patch + 1}`;
}

/** The version most hosts run; a tie goes to the newer one. */
export function majorityVersion(versions: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of versions) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = versions[0] ?? '0.0.0';
  for (const [v, n] of counts) {
    const m = counts.get(best) ?? 0;
    if (n > m || (n === m && compareVersions(v, best) > 0)) best = v;
  }
  return best;
}
