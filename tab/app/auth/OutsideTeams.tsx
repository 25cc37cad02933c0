import { Text, Title2 } from "@fluentui/react-components";
import { CenteredPanel } from "../common/CenteredPanel.js";
import { SandboxSignInForm } from "./SandboxSignInForm.js";

/** Props of {@link OutsideTeams}. */
export interface OutsideTeamsProps {
  sandbox: boolean;
  error?: string;
  onSandboxSignIn: (userPrincipalName: string) => Promise<void>;
}

/** Shown when the tab is opened in an ordinary browser instead of Microsoft Teams. */
export function OutsideTeams({ sandbox, error, onSandboxSignIn }: OutsideTeamsProps) {
  return (
    <CenteredPanel>
      <Title2 as="h1">Open this app in Microsoft Teams</Title2>
      <Text>
        Token Inventory signs you in with your Microsoft Teams account. In Teams, open Apps, find Token
        Inventory and select its Inventory tab.
      </Text>
      {sandbox && (
        <>
          <Text weight="semibold">This server runs against the sandbox tenant, so you can also sign in here.</Text>
          <SandboxSignInForm onSignIn={onSandboxSignIn} error={error} />
        </>
      )}
    </CenteredPanel>
  );
}
