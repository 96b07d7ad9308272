/** One problem with a configuration change, naming the field (`thresholds.confidence`). */
export interface ConfigIssue {
  field: string;
  message: string;
}

/** A configuration change that was refused; `field` names the first offending field. */
export class ConfigError extends Error {
  readonly field: string;
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const first = issues[0] ?? { field: '', message: 'invalid configuration' };
    super(first.field ? `${first.field}: ${first.message}` : first.message);
    this.name = 'ConfigError';
    this.field = first.field;
    this.issues = issues;
  }
}

interface ZodLikeIssue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: readonly string[];
}

/** Issues of a failed zod parse with dotted field names; unknown keys are named themselves. */
export function issuesOf(issues: readonly ZodLikeIssue[]): ConfigIssue[] {
  return issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return issue.keys.map((k) => ({ field: [...at, k].join('.'), message: 'unknown field' }));
    }
    return [{ field: at.join('.'), message: issue.message }];
  });
}
