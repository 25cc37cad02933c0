import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
} from "@fluentui/react-components";
import { useState } from "react";
import type { ApiClient } from "../api/client.js";
import type { TokenView } from "../api/types.js";
import { ErrorMessage } from "../common/ErrorMessage.js";

/** Props of {@link ActivateDialog}. */
export interface ActivateDialogProps {
  client: ApiClient;
  token: TokenView;
  onDone: (message: string) => void;
  onCancel: () => void;
}

const sixDigits = /^\d{6}$/;

/**
 * Activates a token with the code shown on it, or with a code computed from the stored seed.
 * The code stays a string from the text box to the request, so a leading zero is kept.
 */
export function ActivateDialog({ client, token, onDone, onCancel }: ActivateDialogProps) {
  const [method, setMethod] = useState<"type" | "generate">("type");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const codeIsValid = sixDigits.test(code);
  const canSubmit = !busy && (method === "generate" || codeIsValid);

  const activate = async () => {
    setBusy(true);
    try {
      const body = method === "generate" ? { generate: true } : { code };
      await client.post(`/api/tokens/${encodeURIComponent(token.serialNumber)}/activate`, body);
      onDone(`Token ${token.serialNumber} is activated.`);
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
      setBusy(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_event, data) => !data.open && onCancel()}>
      <DialogSurface>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (canSubmit) void activate();
          }}
        >
          <DialogBody>
            <DialogTitle>Activate token {token.serialNumber}</DialogTitle>
            <DialogContent style={{ display: "flex", flexDirection: "column", gap: 12 }}>
              <RadioGroup value={method} onChange={(_event, data) => setMethod(data.value as "type" | "generate")} aria-label="Activation method">
                <Radio value="type" label="Type the code shown on the token" />
                <Radio
                  value="generate"
                  label={token.seedStored ? "Generate from stored seed" : "Generate from stored seed (no seed is stored for this token)"}
                  disabled={!token.seedStored}
                />
              </RadioGroup>
              {method === "type" && (
                <Field
                  label="Verification code"
                  required
                  hint="The 6 digits on the token's display, including any leading zero."
                  validationState={code !== "" && !codeIsValid ? "error" : "none"}
                  validationMessage={code !== "" && !codeIsValid ? "Enter exactly 6 digits." : undefined}
                >
                  {/* A text input, never type="number", which would drop leading zeros. */}
                  <Input
                    type="text"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    value={code}
                    onChange={(_event, data) => setCode(data.value.replace(/\s/g, ""))}
                  />
                </Field>
              )}
              <ErrorMessage title="Activation failed" message={error} />
            </DialogContent>
            <DialogActions>
              <Button onClick={onCancel} disabled={busy}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={!canSubmit}>
                Activate
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
