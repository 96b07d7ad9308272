import type { Condition } from './filters.ts';

/** Placeholder names and values of one DynamoDB expression. */
export class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private readonly byName = new Map<string, string>();

  /** `['body', 'at']` → `#n0.#n1` */
  path(path: string[]): string {
    return path.map((name) => this.name(name)).join('.');
  }

  name(name: string): string {
    let alias = this.byName.get(name);
    if (!alias) {
      alias = `#n${this.byName.size}`;
      this.byName.set(name, alias);
      this.names[alias] = name;
    }
    return alias;
  }

  value(value: unknown): string {
    const alias = `:v${Object.keys(this.values).length}`;
    this.values[alias] = value;
    return alias;
  }

  /** The FilterExpression for all conditions, or undefined when there are none. */
  filter(conditions: Condition[]): string | undefined {
    if (conditions.length === 0) return undefined;
    return conditions.map((c) => this.condition(c)).join(' AND ');
  }

  private condition(c: Condition): string {
    if (c.op === 'live') {
      const at = this.name('expiresAt');
      return `(attribute_not_exists(${at}) OR ${at} > ${this.value(c.nowSec)})`;
    }
    const path = this.path(c.path);
    switch (c.op) {
      case 'eq':
        return `${path} = ${this.value(c.value)}`;
      case 'in':
        return `${path} IN (${c.values.map((v) => this.value(v)).join(', ')})`;
      case 'contains':
        return `contains(${path}, ${this.value(c.value)})`;
      case 'gte':
        return `${path} >= ${this.value(c.value)}`;
    }
  }
}
