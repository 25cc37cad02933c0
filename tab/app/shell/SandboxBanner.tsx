import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** A warning that every change goes to the local sandbox tenant, not to Microsoft Entra ID. */
export function SandboxBanner({ tenantId }: { tenantId: string }) {
  return (
    <MessageBar intent="warning" layout="multiline" aria-live="polite">
      <MessageBarBody>
        <MessageBarTitle>Sandbox tenant</MessageBarTitle>
        No Microsoft Entra tenant is configured. Imports, assignments and activations go to the local sandbox tenant{" "}
        {tenantId}; no real user or token is touched.
      </MessageBarBody>
    </MessageBar>
  );
}
