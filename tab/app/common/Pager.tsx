import { Button, Text } from "@fluentui/react-components";

/** Props of {@link Pager}. */
export interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
}

/** Previous/next paging with "rows x–y of n", for lists that the server pages. */
export function Pager({ page, pageSize, total, onPageChange }: PagerProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pages of results" style={{ display: "flex", alignItems: "center", gap: 8 }}>
      <Button onClick={() => onPageChange(page - 1)} disabled={page <= 1}>
        Previous
      </Button>
      <Text aria-live="polite">
        {first}–{last} of {total} (page {page} of {pageCount})
      </Text>
      <Button onClick={() => onPageChange(page + 1)} disabled={page >= pageCount}>
        Next
      </Button>
    </nav>
  );
}
