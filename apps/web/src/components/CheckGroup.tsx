/** A row of toggle chips for a multi-valued filter (status, severity, level). */
export function CheckGroup<T extends string>({
  legend,
  options,
  selected,
  onChange,
}: {
  legend: string;
  options: readonly T[];
  selected: readonly T[];
  onChange: (next: T[]) => void;
}) {
  return (
    <fieldset className="check-group">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="chip">
          <input
            type="checkbox"
            checked={selected.includes(option)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? options.filter((o) => o === option || selected.includes(o))
                  : selected.filter((o) => o !== option),
              )
            }
          />
          {option.replaceAll('_', ' ')}
        </label>
      ))}
    </fieldset>
  );
}
