import { Button, Dropdown, Field, Input, Option, Spinner } from "@fluentui/react-components";
import { useEffect, useState, type FormEvent } from "react";
import { fetchSandboxUsers } from "../api/client.js";
import { ErrorMessage } from "../common/ErrorMessage.js";

/** Props of {@link SandboxSignInForm}. */
export interface SandboxSignInFormProps {
  onSignIn: (userPrincipalName: string) => Promise<void>;
  /** Error of the last attempt. */
  error?: string;
}

/** Lets a developer sign in as a user of the sandbox directory, as Teams SSO would. */
export function SandboxSignInForm({ onSignIn, error }: SandboxSignInFormProps) {
  const [users, setUsers] = useState<{ userPrincipalName: string; displayName: string }[] | undefined>();
  const [listError, setListError] = useState<string>();
  const [selected, setSelected] = useState("");
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetchSandboxUsers().then(setUsers, (reason: unknown) => {
      setUsers([]);
      setListError(reason instanceof Error ? reason.message : String(reason));
    });
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!selected) return;
    setBusy(true);
    await onSignIn(selected);
    setBusy(false);
  };

  if (!users) return <Spinner label="Loading sandbox users" />;

  return (
    <form onSubmit={submit} aria-label="Sandbox sign-in" style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      {users.length > 0 ? (
        <Field label="Sign in as a sandbox directory user" required>
          <Dropdown
            placeholder="Choose a user"
            value={users.find((user) => user.userPrincipalName === selected)?.displayName ?? ""}
            selectedOptions={selected ? [selected] : []}
            onOptionSelect={(_event, data) => setSelected(data.optionValue ?? "")}
          >
            {users.map((user) => (
              <Option key={user.userPrincipalName} value={user.userPrincipalName} text={user.displayName}>
                {`${user.displayName} (${user.userPrincipalName})`}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : (
        <Field label="User principal name" required hint={listError ? `The user list is unavailable: ${listError}` : undefined}>
          <Input value={selected} onChange={(_event, data) => setSelected(data.value.trim())} placeholder="ada.alvarez@northwind.example" />
        </Field>
      )}
      <Button appearance="primary" type="submit" disabled={!selected || busy}>
        {busy ? "Signing in…" : "Sign in to the sandbox"}
      </Button>
      <ErrorMessage title="Sign-in failed" message={error} />
    </form>
  );
}
