import { Text, Title2 } from "@fluentui/react-components";
import { CenteredPanel } from "../common/CenteredPanel.js";
import { ErrorMessage } from "../common/ErrorMessage.js";
import type { DeepLink } from "../links/deepLink.js";
import { SandboxSignInForm } from "./SandboxSignInForm.js";

/** Props of {@link OutsideTeams}. */
export interface OutsideTeamsProps {
  sandbox: boolean;
  error?: string;
  /** Target of the link that opened the page; it is named so the admin can find it in Teams. */
  deepLink?: DeepLink;
  onSandboxSignIn: (userPrincipalName: string) => Promise<void>;
}

/** Shown when the tab is opened in an ordinary browser instead of Microsoft Teams. */
export function OutsideTeams({ sandbox, error, deepLink, onSandboxSignIn }: OutsideTeamsProps) {
  const target = linkTargetText(deepLink, sandbox);
  return (
    <CenteredPanel>
      <Title2 as="h1">Open this app in Microsoft Teams</Title2>
      <Text>
        Token Inventory signs you in with your Microsoft Teams account. In Teams, open Apps, find Token
        Inventory and select its Admin tab.
      </Text>
      {target && <Text>{target}</Text>}
      {!sandbox && <ErrorMessage title="The server is not reachable" message={error} />}
      {sandbox && (
        <>
          <Text weight="semibold">This server runs against the sandbox tenant, so you can also sign in here.</Text>
          <SandboxSignInForm onSignIn={onSandboxSignIn} error={error} />
        </>
      )}
    </CenteredPanel>
  );
}

function linkTargetText(deepLink: DeepLink | undefined, sandbox: boolean): string | undefined {
  if (deepLink?.kind === "serial") {
    return sandbox
      ? `This link opens token ${deepLink.serialNumber} after you sign in below.`
      : `This link points to token ${deepLink.serialNumber}. In the Admin tab, search for that serial number on the Inventory page.`;
  }
  if (deepLink?.kind === "import") {
    return sandbox ? `This link opens import ${deepLink.jobId} after you sign in below.` : `This link points to import ${deepLink.jobId}.`;
  }
  return undefined;
}
