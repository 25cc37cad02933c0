import { Dropdown, Field, Option, SearchBox, makeStyles } from "@fluentui/react-components";
import type { DeviceStatus } from "../api/types.js";

const useStyles = makeStyles({
  row: { display: "flex", gap: "12px", flexWrap: "wrap", alignItems: "end" },
});

const statusOptions: { value: DeviceStatus | ""; label: string }[] = [
  { value: "", label: "All statuses" },
  { value: "available", label: "Available" },
  { value: "assigned", label: "Assigned" },
  { value: "activated", label: "Activated" },
  { value: "failedActivation", label: "Activation failed" },
];

/** Props of {@link TokenFilters}. */
export interface TokenFiltersProps {
  serial: string;
  user: string;
  status?: DeviceStatus;
  onSerialChange: (value: string) => void;
  onUserChange: (value: string) => void;
  onStatusChange: (value: DeviceStatus | undefined) => void;
}

/** Search by serial number and user, and filter by status. */
export function TokenFilters(props: TokenFiltersProps) {
  const styles = useStyles();
  const selectedStatus = statusOptions.find((option) => option.value === (props.status ?? "")) ?? statusOptions[0]!;
  return (
    <div className={styles.row} role="search" aria-label="Filter tokens">
      <Field label="Serial number">
        <SearchBox value={props.serial} onChange={(_event, data) => props.onSerialChange(data.value)} placeholder="Search serial numbers" />
      </Field>
      <Field label="User">
        <SearchBox value={props.user} onChange={(_event, data) => props.onUserChange(data.value)} placeholder="Name or UPN" />
      </Field>
      <Field label="Status">
        <Dropdown
          value={selectedStatus.label}
          selectedOptions={[selectedStatus.value]}
          onOptionSelect={(_event, data) => props.onStatusChange((data.optionValue || undefined) as DeviceStatus | undefined)}
        >
          {statusOptions.map((option) => (
            <Option key={option.value} value={option.value}>
              {option.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
    </div>
  );
}
