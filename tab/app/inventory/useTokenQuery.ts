import { useEffect, useState } from "react";
import type { DeviceStatus, TokenSortField } from "../api/types.js";
import { useDebouncedValue } from "../common/useDebouncedValue.js";
import { initialTokenQuery, type TokenQuery } from "./useTokens.js";

/**
 * Keeps what the admin typed and chose, and derives the server query from it: search text is
 * debounced, and any filter or sort change goes back to page 1.
 * @param initialSerial serial number filter to start with, for example from a link into the tab.
 */
export function useTokenQuery(initialSerial = "") {
  const [serial, setSerial] = useState(initialSerial);
  const [user, setUser] = useState("");
  const [status, setStatus] = useState<DeviceStatus>();
  const [sort, setSort] = useState<{ field: TokenSortField; descending: boolean }>({ field: "serialNumber", descending: false });
  const [page, setPage] = useState(1);

  const debouncedSerial = useDebouncedValue(serial.trim());
  const debouncedUser = useDebouncedValue(user.trim());

  useEffect(() => setPage(1), [debouncedSerial, debouncedUser, status, sort]);

  const [query, setQuery] = useState<TokenQuery>(() => ({ ...initialTokenQuery, serial: initialSerial.trim() }));
  useEffect(() => {
    setQuery({
      ...initialTokenQuery,
      serial: debouncedSerial,
      user: debouncedUser,
      status,
      sort: sort.field,
      descending: sort.descending,
      page,
    });
  }, [debouncedSerial, debouncedUser, status, sort, page]);

  return { query, serial, setSerial, user, setUser, status, setStatus, sort, setSort, setPage };
}
