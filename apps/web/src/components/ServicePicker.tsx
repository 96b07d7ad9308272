import { useId } from 'react';
import { useServiceSearch } from '../api/topology.ts';
import { useDebounced } from '../lib/use-debounced.ts';

/** Suggestions for a service field: a few services whose id or name contains `q`. */
export function ServiceOptions({ id, q }: { id: string; q: string }) {
  const settled = useDebounced(q.trim(), 250);
  const { data } = useServiceSearch(settled);
  return (
    <datalist id={id}>
      {data?.items.map((s) => (
        <option key={s.id} value={s.id}>
          {`${s.tier} · ${s.region}`}
        </option>
      ))}
    </datalist>
  );
}

/**
 * A service field that finds any service by typing: at 5,000 services a drop-down of all of
 * them would be megabytes per poll, so only matching suggestions are fetched.
 */
export function ServicePicker({
  value,
  onChange,
  disabled = false,
  label = 'Service',
  name = 'service',
}: {
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  label?: string;
  name?: string;
}) {
  const listId = useId();
  return (
    <>
      <label className="field">
        <span>{label}</span>
        <input
          name={name}
          list={listId}
          value={value}
          disabled={disabled}
          placeholder="type to search…"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => onChange(event.target.value.trim())}
        />
      </label>
      <ServiceOptions id={listId} q={value} />
    </>
  );
}
