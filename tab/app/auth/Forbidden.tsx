import { Button, Text, Title2 } from "@fluentui/react-components";
import type { SessionInfo } from "../api/types.js";
import { CenteredPanel } from "../common/CenteredPanel.js";

/** Props of {@link Forbidden}. */
export interface ForbiddenProps {
  session: SessionInfo;
  onSignOut?: () => void;
}

/** Shown to a signed-in user who lacks the admin role. */
export function Forbidden({ session, onSignOut }: ForbiddenProps) {
  const requirement = session.adminGroupId
    ? `the ${session.adminRole} app role or membership of the admin group`
    : `the ${session.adminRole} app role`;
  return (
    <CenteredPanel>
      <Title2 as="h1">Admins only</Title2>
      <Text role="alert">
        {session.user?.userPrincipalName} is signed in but lacks {requirement}. Ask a Microsoft Entra admin to assign it
        under Enterprise applications &gt; Token Inventory &gt; Users and groups.
      </Text>
      {onSignOut && <Button onClick={onSignOut}>Sign in as someone else</Button>}
    </CenteredPanel>
  );
}
