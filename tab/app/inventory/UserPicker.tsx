import { Combobox, Field, Option, Spinner } from "@fluentui/react-components";
import { useState } from "react";
import type { ApiClient } from "../api/client.js";
import type { AssignableUser } from "../api/types.js";
import { useUserSearch } from "./useUserSearch.js";

/** Props of {@link UserPicker}. */
export interface UserPickerProps {
  client: ApiClient;
  selected?: AssignableUser;
  onSelect: (user: AssignableUser | undefined) => void;
}

/** A people picker that searches the directory as the admin types. Guests and disabled accounts are listed but cannot be chosen. */
export function UserPicker({ client, selected, onSelect }: UserPickerProps) {
  const [text, setText] = useState("");
  const { users, error, loading } = useUserSearch(client, text);

  return (
    <Field
      label="User"
      required
      validationState={error ? "error" : "none"}
      validationMessage={error}
      hint="Type the start of a name or user principal name."
    >
      <Combobox
        placeholder="Search people"
        value={text}
        selectedOptions={selected ? [selected.id] : []}
        onInput={(event) => {
          setText((event.target as HTMLInputElement).value);
          onSelect(undefined);
        }}
        onOptionSelect={(_event, data) => {
          const user = users.find((candidate) => candidate.id === data.optionValue);
          onSelect(user);
          if (user) setText(user.displayName);
        }}
      >
        {loading && users.length === 0 && (
          <Option disabled value="" text="Searching">
            <Spinner size="tiny" label="Searching…" />
          </Option>
        )}
        {users.map((user) => (
          <Option key={user.id} value={user.id} text={user.displayName} disabled={!user.assignable}>
            {`${user.displayName} (${user.userPrincipalName})${user.assignable ? "" : ` — not assignable: ${user.reason ?? "not allowed"}`}`}
          </Option>
        ))}
        {!loading && text.trim() !== "" && users.length === 0 && !error && (
          <Option disabled value="" text="No match">
            No user starts with "{text.trim()}"
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
