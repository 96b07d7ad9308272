import { type CollectionTag, isMap, isSeq, parse, type ScalarTag } from 'yaml';

/** CloudFormation's short-form intrinsics and the long form each stands for. */
const INTRINSICS = [
  'And',
  'Base64',
  'Cidr',
  'Condition',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Ref',
  'Select',
  'Split',
  'Sub',
  'Transform',
] as const;

const longName = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);

/** `!GetAtt A.B` is short for `{ "Fn::GetAtt": ["A", "B"] }`; the rest keep their argument. */
const scalarArgument = (name: string, value: string): unknown => {
  if (name !== 'GetAtt') return value;
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
};

/** Every short form as YAML tags: `!Ref x` -> `{ Ref: x }`, `!If [c, a, b]` -> `{ 'Fn::If': [...] }`. */
export const cloudFormationTags: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap((name) => {
  const tag = `!${name}`;
  const key = longName(name);
  const scalar: ScalarTag = {
    tag,
    resolve: (value) => ({ [key]: scalarArgument(name, value) }),
  };
  const collections = (['seq', 'map'] as const).map(
    (collection): CollectionTag => ({
      tag,
      collection,
      resolve: (node) => ({ [key]: isSeq(node) || isMap(node) ? node.toJSON() : node }),
    }),
  );
  return [scalar, ...collections];
});

/** Parses a CloudFormation/SAM YAML template into its JSON form. */
export function parseTemplate(text: string): Record<string, unknown> {
  const doc: unknown = parse(text, { customTags: cloudFormationTags });
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new Error('a template is a YAML mapping');
  }
  return Object.fromEntries(Object.entries(doc));
}
