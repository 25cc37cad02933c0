import { Button, Combobox, Field, Option } from "@fluentui/react-components";
import { useEffect, useState, type FormEvent } from "react";
import { fetchSandboxUsers } from "../api/client.js";
import { ErrorMessage } from "../common/ErrorMessage.js";
import { useDebouncedValue } from "../common/useDebouncedValue.js";

/** Props of {@link SandboxSignInForm}. */
export interface SandboxSignInFormProps {
  onSignIn: (userPrincipalName: string) => Promise<void>;
  /** Error of the last attempt. */
  error?: string;
}

type SandboxUser = { userPrincipalName: string; displayName: string };

/**
 * Search sent when the list is opened before anything is typed. GET /api/sandbox/users needs at
 * least one letter, so the empty box lists the users whose name or UPN starts with this one. In
 * samples/directory.json that is the admin, Ada Alvarez.
 */
const browseSearch = "a";

/**
 * Lets a developer sign in as a user of the sandbox directory, found by name as they type. Opening
 * the list before typing shows a first set of users, so a newcomer needs to know no name.
 */
export function SandboxSignInForm({ onSignIn, error }: SandboxSignInFormProps) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [users, setUsers] = useState<SandboxUser[]>([]);
  const [listError, setListError] = useState<string>();
  const [selected, setSelected] = useState<SandboxUser>();
  const [busy, setBusy] = useState(false);
  const typed = useDebouncedValue(text.trim(), 200);
  let search = typed;
  if (search === "" && open) search = browseSearch;

  useEffect(() => {
    if (search === "") return setUsers([]);
    let cancelled = false;
    fetchSandboxUsers(search).then(
      (found) => {
        if (cancelled) return;
        setUsers(found);
        setListError(undefined);
      },
      (reason: unknown) => !cancelled && setListError(reason instanceof Error ? reason.message : String(reason)),
    );
    return () => {
      cancelled = true;
    };
  }, [search]);

  // A typed UPN works too, for a user that the search does not list.
  const userPrincipalName = selected?.userPrincipalName ?? (text.includes("@") ? text.trim() : "");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!userPrincipalName) return;
    setBusy(true);
    await onSignIn(userPrincipalName);
    setBusy(false);
  };

  return (
    <form onSubmit={submit} aria-label="Sandbox sign-in" style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      <Field
        label="Sign in as a sandbox directory user"
        required
        hint="Open the list or type a name, for example Ada, and pick the user. Only users with the TokenInventory.Admin role get in."
        validationState={listError ? "error" : "none"}
        validationMessage={listError}
      >
        <Combobox
          freeform
          placeholder="Type a name, for example Ada"
          value={text}
          selectedOptions={selected ? [selected.userPrincipalName] : []}
          onOpenChange={(_event, data) => setOpen(data.open)}
          onInput={(event) => {
            setText((event.target as HTMLInputElement).value);
            setSelected(undefined);
          }}
          onOptionSelect={(_event, data) => {
            const user = users.find((candidate) => candidate.userPrincipalName === data.optionValue);
            setSelected(user);
            if (user) setText(user.displayName);
          }}
        >
          {users.map((user) => (
            <Option key={user.userPrincipalName} value={user.userPrincipalName} text={user.displayName}>
              {`${user.displayName} (${user.userPrincipalName})`}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Button appearance="primary" type="submit" disabled={!userPrincipalName || busy}>
        {busy ? "Signing in…" : "Sign in to the sandbox"}
      </Button>
      <ErrorMessage title="Sign-in failed" message={error} />
    </form>
  );
}
