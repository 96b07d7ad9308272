/** A small coloured label: severity, status, health, log level, audit result. */
export function Badge({ kind, value }: { kind: string; value: string }) {
  return <span className={`badge ${kind}-${value}`}>{value.replaceAll('_', ' ')}</span>;
}
