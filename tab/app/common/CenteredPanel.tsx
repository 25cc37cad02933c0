import { makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  panel: {
    maxWidth: "560px",
    margin: "48px auto",
    padding: "24px",
    display: "flex",
    flexDirection: "column",
    gap: "16px",
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow8,
  },
});

/** A centred card for the sign-in, consent and error screens. */
export function CenteredPanel({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <main className={styles.panel}>{children}</main>
  );
}
