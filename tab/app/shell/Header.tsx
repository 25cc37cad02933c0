import { Avatar, Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { SessionInfo } from "../api/types.js";
import { SandboxBanner } from "./SandboxBanner.js";

const useStyles = makeStyles({
  bar: {
    display: "flex",
    alignItems: "center",
    gap: "12px",
    padding: "8px 16px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { flexGrow: 1 },
});

/** Props of {@link Header}. */
export interface HeaderProps {
  session: SessionInfo;
  /** Present in sandbox mode, where the admin can switch users. */
  onSignOut?: () => void;
}

/** The tab's header: product name, tenant in use (with a banner in sandbox mode) and the signed-in admin. */
export function Header({ session, onSignOut }: HeaderProps) {
  const styles = useStyles();
  const user = session.user;
  return (
    <header>
      {session.sandbox && <SandboxBanner tenantId={session.tenantId} />}
      <div className={styles.bar}>
        <div className={styles.title}>
          <Text as="h1" size={500} weight="semibold" block>
            Token Inventory
          </Text>
          <Text size={200} aria-label="Tenant in use">
            Tenant {session.tenantId}
            {session.sandbox ? " (sandbox)" : ""}
          </Text>
        </div>
        {user && (
          <>
            <Avatar name={user.displayName ?? user.userPrincipalName} size={32} aria-hidden />
            <Text aria-label="Signed-in admin">{user.displayName ? `${user.displayName} (${user.userPrincipalName})` : user.userPrincipalName}</Text>
          </>
        )}
        {onSignOut && <Button onClick={onSignOut}>Sign out</Button>}
      </div>
    </header>
  );
}
