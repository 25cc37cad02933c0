import { Button, Field, Input, makeStyles } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";

/** Audit filters as the admin typed them; times are local `datetime-local` values. */
export interface AuditFilterValues {
  from: string;
  to: string;
  actor: string;
  action: string;
  serial: string;
  outcome: string;
}

export const emptyAuditFilters: AuditFilterValues = { from: "", to: "", actor: "", action: "", serial: "", outcome: "" };

const useStyles = makeStyles({
  form: { display: "flex", gap: "12px", flexWrap: "wrap", alignItems: "end" },
});

const textFields: { name: keyof AuditFilterValues; label: string; placeholder: string }[] = [
  { name: "actor", label: "Actor", placeholder: "UPN or name" },
  { name: "action", label: "Action", placeholder: "for example assign" },
  { name: "serial", label: "Serial number", placeholder: "1100000004256" },
  { name: "outcome", label: "Outcome", placeholder: "for example success" },
];

/** The filter form of the audit log; applies on submit. */
export function AuditFilters({ onApply }: { onApply: (filters: AuditFilterValues) => void }) {
  const styles = useStyles();
  const [values, setValues] = useState(emptyAuditFilters);
  const set = (name: keyof AuditFilterValues, value: string) => setValues((current) => ({ ...current, [name]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(values);
  };

  return (
    <form className={styles.form} onSubmit={submit} role="search" aria-label="Filter the audit log">
      <Field label="From">
        <Input type="datetime-local" value={values.from} onChange={(_event, data) => set("from", data.value)} />
      </Field>
      <Field label="To">
        <Input type="datetime-local" value={values.to} onChange={(_event, data) => set("to", data.value)} />
      </Field>
      {textFields.map((field) => (
        <Field key={field.name} label={field.label}>
          <Input value={values[field.name]} placeholder={field.placeholder} onChange={(_event, data) => set(field.name, data.value)} />
        </Field>
      ))}
      <Button type="submit" appearance="primary">
        Apply filters
      </Button>
      <Button
        type="button"
        onClick={() => {
          setValues(emptyAuditFilters);
          onApply(emptyAuditFilters);
        }}
      >
        Clear
      </Button>
    </form>
  );
}

/** Turns the form values into API query parameters (local times become ISO 8601 UTC). */
export function auditQueryOf(filters: AuditFilterValues): Record<string, string | undefined> {
  const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);
  return {
    from: instant(filters.from),
    to: instant(filters.to),
    actor: filters.actor.trim() || undefined,
    action: filters.action.trim() || undefined,
    serial: filters.serial.trim() || undefined,
    outcome: filters.outcome.trim() || undefined,
  };
}
