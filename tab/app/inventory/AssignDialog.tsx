import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { useState } from "react";
import type { ApiClient } from "../api/client.js";
import type { AssignableUser, TokenView } from "../api/types.js";
import { ErrorMessage } from "../common/ErrorMessage.js";
import { UserPicker } from "./UserPicker.js";

/** Props of {@link AssignDialog}. */
export interface AssignDialogProps {
  client: ApiClient;
  token: TokenView;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** Assigns one token to a user picked from the directory. */
export function AssignDialog({ client, token, onDone, onCancel }: AssignDialogProps) {
  const [user, setUser] = useState<AssignableUser>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const assign = async () => {
    if (!user) return;
    setBusy(true);
    try {
      await client.post(`/api/tokens/${encodeURIComponent(token.serialNumber)}/assign`, { user: user.id });
      onDone(`Token ${token.serialNumber} is assigned to ${user.displayName}.`);
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_event, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Assign token {token.serialNumber}</DialogTitle>
          <DialogContent style={{ display: "flex", flexDirection: "column", gap: 12 }}>
            <UserPicker client={client} selected={user} onSelect={setUser} />
            <ErrorMessage title="Assignment failed" message={error} />
          </DialogContent>
          <DialogActions>
            <Button onClick={onCancel} disabled={busy}>
              Cancel
            </Button>
            <Button appearance="primary" onClick={() => void assign()} disabled={!user || busy}>
              Assign
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
