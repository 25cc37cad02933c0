/** Outcome of a bulk action: how many succeeded and why the others failed. */
export interface BulkOutcome {
  succeeded: number;
  failures: { serialNumber: string; message: string }[];
}

/**
 * Runs an action for each serial number, a few at a time so that a bulk delete of a whole page
 * does not flood the server, and collects every failure instead of stopping at the first.
 */
export async function runForEach(serialNumbers: string[], action: (serialNumber: string) => Promise<void>, concurrency = 4): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { succeeded: 0, failures: [] };
  const queue = [...serialNumbers];

  const worker = async () => {
    for (let serialNumber = queue.shift(); serialNumber !== undefined; serialNumber = queue.shift()) {
      try {
        await action(serialNumber);
        outcome.succeeded++;
      } catch (error) {
        outcome.failures.push({ serialNumber, message: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(concurrency, serialNumbers.length) }, worker));
  return outcome;
}
