import { makeStyles, Tab, TabList } from "@fluentui/react-components";
import { useState } from "react";
import type { ApiClient } from "../api/client.js";
import type { SessionInfo } from "../api/types.js";
import { ErrorMessage } from "../common/ErrorMessage.js";
import { ImportPage } from "../import/ImportPage.js";
import { InventoryPage } from "../inventory/InventoryPage.js";
import type { DeepLink } from "../links/deepLink.js";
import { LogsPage } from "../logs/LogsPage.js";
import { Header } from "./Header.js";

const useStyles = makeStyles({
  content: { padding: "16px" },
});

type PageName = "inventory" | "import" | "logs";

/** Props of {@link Shell}. */
export interface ShellProps {
  session: SessionInfo;
  client: ApiClient;
  /** Target of the link that opened the tab; it picks the first page and what that page shows. */
  deepLink?: DeepLink;
  onSignOut?: () => void;
}

/** The signed-in tab: header, page tabs and the selected page. */
export function Shell({ session, client, deepLink = { kind: "none" }, onSignOut }: ShellProps) {
  const styles = useStyles();
  const [page, setPage] = useState<PageName>(deepLink.kind === "import" ? "import" : "inventory");
  // The link applies to the first page only: once the admin moves on, pages open as usual.
  const [link, setLink] = useState<DeepLink>(deepLink);
  const linkedSerial = link.kind === "serial" ? link.serialNumber : undefined;
  const linkedJobId = link.kind === "import" ? link.jobId : undefined;

  const openPage = (next: PageName) => {
    setLink({ kind: "none" });
    setPage(next);
  };

  return (
    <>
      <Header session={session} onSignOut={onSignOut} />
      <nav aria-label="Pages">
        <TabList selectedValue={page} onTabSelect={(_event, data) => openPage(data.value as PageName)}>
          <Tab value="inventory">Inventory</Tab>
          <Tab value="import">Import</Tab>
          <Tab value="logs">Logs</Tab>
        </TabList>
      </nav>
      <main className={styles.content}>
        <ErrorMessage title="The link cannot be opened" message={link.kind === "invalid" ? link.message : undefined} />
        {page === "inventory" && <InventoryPage client={client} initialSerial={linkedSerial} />}
        {page === "import" && <ImportPage client={client} initialJobId={linkedJobId} onShowInventory={() => openPage("inventory")} />}
        {page === "logs" && <LogsPage client={client} />}
      </main>
    </>
  );
}
