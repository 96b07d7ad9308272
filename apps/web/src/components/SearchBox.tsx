import { useEffect, useId, useState } from 'react';
import { useDebounced } from '../lib/use-debounced.ts';

/** A text filter that reports its value once typing pauses. */
export function SearchBox({
  label,
  value,
  onChange,
  placeholder,
  list,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  list?: string;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const settled = useDebounced(text, 300);
  useEffect(() => {
    if (settled !== value) onChange(settled);
    // Only a settled change in the box reports; outside changes come in through `value`.
  }, [settled]);
  useEffect(() => setText(value), [value]);
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        list={list}
        onChange={(event) => setText(event.target.value)}
      />
    </div>
  );
}
