import { makeStyles, Tab, TabList } from "@fluentui/react-components";
import { useState } from "react";
import type { ApiClient } from "../api/client.js";
import type { SessionInfo } from "../api/types.js";
import { ImportPage } from "../import/ImportPage.js";
import { InventoryPage } from "../inventory/InventoryPage.js";
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
  onSignOut?: () => void;
}

/** The signed-in tab: header, page tabs and the selected page. */
export function Shell({ session, client, onSignOut }: ShellProps) {
  const styles = useStyles();
  const [page, setPage] = useState<PageName>("inventory");

  return (
    <>
      <Header session={session} onSignOut={onSignOut} />
      <nav aria-label="Pages">
        <TabList selectedValue={page} onTabSelect={(_event, data) => setPage(data.value as PageName)}>
          <Tab value="inventory">Inventory</Tab>
          <Tab value="import">Import</Tab>
          <Tab value="logs">Logs</Tab>
        </TabList>
      </nav>
      <main className={styles.content}>
        {page === "inventory" && <InventoryPage client={client} />}
        {page === "import" && <ImportPage client={client} onShowInventory={() => setPage("inventory")} />}
        {page === "logs" && <LogsPage client={client} />}
      </main>
    </>
  );
}
