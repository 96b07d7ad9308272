import { z } from 'zod';

/** ISO-8601 UTC timestamp, e.g. `2026-01-05T00:00:10.000Z`. */
export const IsoTime = z.iso.datetime({ offset: true });
export type IsoTime = z.infer<typeof IsoTime>;

export const Labels = z.record(z.string().min(1).max(200), z.string().max(2000));
export type Labels = z.infer<typeof Labels>;

/** Labels or annotations one alert may carry: with the size caps above, an alert stays far under DynamoDB's 400 KB item limit. */
export const MAX_LABELS = 64;

/** Labels as clients send them: at most MAX_LABELS keys. */
export const LabelsInput = Labels.refine((l) => Object.keys(l).length <= MAX_LABELS, {
  message: `at most ${MAX_LABELS} keys`,
});

/** A page of a list: `{ items, nextCursor }` (DESIGN.md contract). */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export type Page<T> = { items: T[]; nextCursor: string | null };

export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Readable prefixed ids: `INC-000042`. Zero padding keeps them sortable as strings. */
export const formatId = (prefix: string, n: number): string =>
  `${prefix}-${String(n).padStart(6, '0')}`;

/** The number inside a prefixed id, or null when it is not one. */
export const parseIdNumber = (id: string): number | null => {
  const m = /^[A-Z]+-(\d+)$/.exec(id);
  return m?.[1] ? Number(m[1]) : null;
};
