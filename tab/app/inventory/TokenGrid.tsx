import {
  Button,
  createTableColumn,
  DataGrid,
  DataGridBody,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  type SortDirection,
  type TableColumnDefinition,
  type TableRowId,
} from "@fluentui/react-components";
import type { TokenSortField, TokenView } from "../api/types.js";
import { actionLabels, actionsForStatus, type TokenAction } from "./rowActions.js";
import { StatusBadge } from "./StatusBadge.js";

/** Props of {@link TokenGrid}. */
export interface TokenGridProps {
  tokens: TokenView[];
  sort: TokenSortField;
  descending: boolean;
  onSortChange: (sort: TokenSortField, descending: boolean) => void;
  selected: Set<TableRowId>;
  onSelectionChange: (selected: Set<TableRowId>) => void;
  onAction: (action: TokenAction, token: TokenView) => void;
}

/** Columns that the server can sort by; a click on any other header is ignored. */
const sortableColumns = new Set<string>(["serialNumber", "status", "user", "updatedAt"]);

// The server sorts; a compare of 0 keeps the server's order in the grid's own (stable) sort.
const keepServerOrder = () => 0;

function columns(onAction: TokenGridProps["onAction"]): TableColumnDefinition<TokenView>[] {
  return [
    createTableColumn<TokenView>({
      columnId: "serialNumber",
      compare: keepServerOrder,
      renderHeaderCell: () => "Serial number",
      renderCell: (token) => token.serialNumber,
    }),
    createTableColumn<TokenView>({
      columnId: "status",
      compare: keepServerOrder,
      renderHeaderCell: () => "Status",
      renderCell: (token) => <StatusBadge status={token.status} />,
    }),
    createTableColumn<TokenView>({
      columnId: "user",
      compare: keepServerOrder,
      renderHeaderCell: () => "User",
      renderCell: (token) => token.assignedTo?.displayName ?? token.assignedTo?.userPrincipalName ?? "—",
    }),
    createTableColumn<TokenView>({
      columnId: "model",
      renderHeaderCell: () => "Model",
      renderCell: (token) => `${token.manufacturer} ${token.model}`,
    }),
    createTableColumn<TokenView>({
      columnId: "updatedAt",
      compare: keepServerOrder,
      renderHeaderCell: () => "Updated",
      renderCell: (token) => new Date(token.updatedAt).toLocaleString(),
    }),
    createTableColumn<TokenView>({
      columnId: "actions",
      renderHeaderCell: () => "Actions",
      renderCell: (token) => (
        <div style={{ display: "flex", gap: 4 }}>
          {actionsForStatus[token.status]?.map((action) => (
            <Button
              key={action}
              size="small"
              aria-label={`${actionLabels[action]} ${token.serialNumber}`}
              onClick={(event) => {
                // A click on a button must not also toggle the row's selection.
                event.stopPropagation();
                onAction(action, token);
              }}
            >
              {actionLabels[action]}
            </Button>
          ))}
        </div>
      ),
    }),
  ];
}

/** The token list with selection, server-side sort and row actions. */
export function TokenGrid({ tokens, sort, descending, onSortChange, selected, onSelectionChange, onAction }: TokenGridProps) {
  const sortDirection: SortDirection = descending ? "descending" : "ascending";
  return (
    <DataGrid
      aria-label="Tokens"
      items={tokens}
      columns={columns(onAction)}
      getRowId={(token: TokenView) => token.serialNumber}
      sortable
      sortState={{ sortColumn: sort, sortDirection }}
      onSortChange={(_event, state) => {
        const column = String(state.sortColumn);
        if (sortableColumns.has(column)) onSortChange(column as TokenSortField, state.sortDirection === "descending");
      }}
      selectionMode="multiselect"
      selectedItems={selected}
      onSelectionChange={(_event, data) => onSelectionChange(data.selectedItems)}
      focusMode="composite"
    >
      <DataGridHeader>
        <DataGridRow selectionCell={{ checkboxIndicator: { "aria-label": "Select all tokens on this page" } }}>
          {({ renderHeaderCell }) => <DataGridHeaderCell>{renderHeaderCell()}</DataGridHeaderCell>}
        </DataGridRow>
      </DataGridHeader>
      <DataGridBody<TokenView>>
        {({ item, rowId }) => (
          <DataGridRow<TokenView> key={rowId} selectionCell={{ checkboxIndicator: { "aria-label": `Select ${item.serialNumber}` } }}>
            {({ renderCell }) => <DataGridCell>{renderCell(item)}</DataGridCell>}
          </DataGridRow>
        )}
      </DataGridBody>
    </DataGrid>
  );
}
