/** Bundles apps/api/src/lambda.ts (and copies the dashboard) into `outdir` (default aws/dist). */
export function buildLambda(
  outdir?: string,
): Promise<{ outdir: string; hasWeb: boolean; inputs: string[] }>;
