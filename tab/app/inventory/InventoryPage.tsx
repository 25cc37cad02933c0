import { Button, MessageBar, MessageBarBody, Spinner, Toolbar, type TableRowId } from "@fluentui/react-components";
import { useState } from "react";
import type { ApiClient } from "../api/client.js";
import type { TokenView } from "../api/types.js";
import { ConfirmDialog } from "../common/ConfirmDialog.js";
import { ErrorMessage } from "../common/ErrorMessage.js";
import { Pager } from "../common/Pager.js";
import { ActivateDialog } from "./ActivateDialog.js";
import { AssignDialog } from "./AssignDialog.js";
import type { TokenAction } from "./rowActions.js";
import { runForEach } from "./runForEach.js";
import { TokenFilters } from "./TokenFilters.js";
import { TokenGrid } from "./TokenGrid.js";
import { useTokenQuery } from "./useTokenQuery.js";
import { useTokens } from "./useTokens.js";

type PendingAction = { action: TokenAction; token: TokenView } | { action: "bulkUnassign" | "bulkDelete"; serialNumbers: string[] };

const tokenPath = (serialNumber: string) => `/api/tokens/${encodeURIComponent(serialNumber)}`;

/** Props of {@link InventoryPage}. */
export interface InventoryPageProps {
  client: ApiClient;
  /** Serial number filter to start with, from a link into the tab. */
  initialSerial?: string;
}

/** The inventory: filters, the token grid with row and bulk actions, and paging. */
export function InventoryPage({ client, initialSerial }: InventoryPageProps) {
  const filters = useTokenQuery(initialSerial);
  const { data, error, loading, reload } = useTokens(client, filters.query);
  const [selected, setSelected] = useState<Set<TableRowId>>(new Set());
  const [pending, setPending] = useState<PendingAction>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<string>();

  const finish = (message: string, failure?: string) => {
    setPending(undefined);
    setBusy(false);
    setNotice(message);
    setActionError(failure);
    setSelected(new Set());
    reload();
  };

  const runConfirmed = async () => {
    if (!pending) return;
    setBusy(true);
    const serialNumbers = "serialNumbers" in pending ? pending.serialNumbers : [pending.token.serialNumber];
    const unassign = pending.action === "unassign" || pending.action === "bulkUnassign";
    const outcome = await runForEach(serialNumbers, (serialNumber) =>
      unassign ? client.post(`${tokenPath(serialNumber)}/unassign`).then(() => undefined) : client.delete(tokenPath(serialNumber)),
    );
    const verb = unassign ? "Unassigned" : "Deleted";
    const failure = outcome.failures.map((item) => `${item.serialNumber}: ${item.message}`).join(" ");
    finish(`${verb} ${outcome.succeeded} of ${serialNumbers.length} token(s).`, failure || undefined);
  };

  const selectedSerials = [...selected].map(String);
  const confirmText =
    pending && "serialNumbers" in pending
      ? `${pending.action === "bulkDelete" ? "Delete" : "Unassign"} ${pending.serialNumbers.length} selected token(s)?`
      : pending?.action === "delete"
        ? `Delete token ${pending.token.serialNumber}? It is removed from Microsoft Entra ID and from the inventory.`
        : pending?.action === "unassign"
          ? `Unassign token ${pending.token.serialNumber} from ${pending.token.assignedTo?.displayName ?? "its user"}?`
          : "";
  const confirmOpen = pending !== undefined && (("serialNumbers" in pending) || pending.action === "delete" || pending.action === "unassign");
  const confirmLabel = pending?.action === "delete" || pending?.action === "bulkDelete" ? "Delete" : "Unassign";

  return (
    <section aria-label="Inventory" style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      <TokenFilters
        serial={filters.serial}
        user={filters.user}
        status={filters.status}
        onSerialChange={filters.setSerial}
        onUserChange={filters.setUser}
        onStatusChange={filters.setStatus}
      />
      <Toolbar aria-label="Token actions">
        <Button onClick={reload}>Refresh</Button>
        <Button disabled={selected.size === 0} onClick={() => setPending({ action: "bulkUnassign", serialNumbers: selectedSerials })}>
          Unassign selected ({selected.size})
        </Button>
        <Button disabled={selected.size === 0} onClick={() => setPending({ action: "bulkDelete", serialNumbers: selectedSerials })}>
          Delete selected ({selected.size})
        </Button>
        {loading && <Spinner size="tiny" label="Loading" />}
      </Toolbar>
      {notice && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <ErrorMessage title="Some actions failed" message={actionError} />
      <ErrorMessage title="Tokens could not be loaded" message={error} />
      {data && (
        <>
          <TokenGrid
            tokens={data.items}
            sort={filters.sort.field}
            descending={filters.sort.descending}
            onSortChange={(field, descending) => filters.setSort({ field, descending })}
            selected={selected}
            onSelectionChange={setSelected}
            onAction={(action, token) => {
              setNotice(undefined);
              setPending({ action, token });
            }}
          />
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={filters.setPage} />
        </>
      )}
      {pending?.action === "assign" && (
        <AssignDialog client={client} token={pending.token} onDone={(message) => finish(message)} onCancel={() => setPending(undefined)} />
      )}
      {pending?.action === "activate" && (
        <ActivateDialog client={client} token={pending.token} onDone={(message) => finish(message)} onCancel={() => setPending(undefined)} />
      )}
      <ConfirmDialog
        open={confirmOpen}
        title={confirmLabel === "Delete" ? "Delete tokens" : "Unassign tokens"}
        confirmLabel={confirmLabel}
        busy={busy}
        onConfirm={() => void runConfirmed()}
        onCancel={() => setPending(undefined)}
      >
        {confirmText}
      </ConfirmDialog>
    </section>
  );
}
