/** A filter drop-down as every list page has it: a label, “全部” first, the current value selected. */

export interface FilterOption {
  value: string;
  label: string;
}

/** Options from plain strings (departments …), the value shown as it is. */
export const plainOptions = (values: readonly string[]): FilterOption[] => values.map((v) => ({ value: v, label: v }));

/** Options from codes and their Chinese labels. */
export const labelledOptions = <K extends string>(codes: readonly K[], labels: Record<K, string>): FilterOption[] => codes.map((k) => ({ value: k, label: labels[k] }));

export function FilterSelect(props: { id: string; name: string; label: string; value: string | undefined; options: readonly FilterOption[] }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">全部</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
