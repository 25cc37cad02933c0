import { useEffect, useState } from "react";
import type { ApiClient } from "../api/client.js";
import type { AssignableUser } from "../api/types.js";
import { useDebouncedValue } from "../common/useDebouncedValue.js";

/** Searches directory users by prefix as the admin types (debounced; the latest response wins). */
export function useUserSearch(client: ApiClient, text: string) {
  const search = useDebouncedValue(text.trim(), 250);
  const [users, setUsers] = useState<AssignableUser[]>([]);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (search === "") {
      setUsers([]);
      return;
    }
    let cancelled = false;
    setLoading(true);
    client
      .get<{ items: AssignableUser[] }>("/api/users", { search, top: 10 })
      .then(
        (page) => {
          if (cancelled) return;
          setUsers(page.items);
          setError(undefined);
        },
        (reason: unknown) => !cancelled && setError(reason instanceof Error ? reason.message : String(reason)),
      )
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [client, search]);

  return { users, error, loading };
}
