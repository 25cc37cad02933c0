import { Button, Text, Title2 } from "@fluentui/react-components";
import { CenteredPanel } from "../common/CenteredPanel.js";

/** Props of {@link ConsentRequired}. */
export interface ConsentRequiredProps {
  message: string;
  /** Asks Teams again without `silent`, which shows the consent prompt; absent outside Teams. */
  onGrantConsent?: () => void;
}

/** Shown when Teams or Entra ID needs consent before the tab may sign the admin in. */
export function ConsentRequired({ message, onGrantConsent }: ConsentRequiredProps) {
  return (
    <CenteredPanel>
      <Title2 as="h1">Consent is needed</Title2>
      <Text role="alert">
        Token Inventory needs your consent (or an admin's consent for the whole organisation) before it can sign you in.
      </Text>
      {onGrantConsent && (
        <Button appearance="primary" onClick={onGrantConsent}>
          Grant consent
        </Button>
      )}
      <Text>
        If the consent prompt does not appear or your organisation blocks user consent, ask a Microsoft Entra admin to
        grant admin consent for Token Inventory under Enterprise applications &gt; Token Inventory &gt; Permissions.
      </Text>
      <Text size={200}>Details: {message}</Text>
    </CenteredPanel>
  );
}
