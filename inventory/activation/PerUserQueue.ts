/**
 * Runs tasks one after another per key, in arrival order, and tasks of different keys in parallel.
 * Code checks of one user go through it, so that a burst of messages cannot all pass the lock
 * check before the first failure is recorded.
 * NOTE: the order holds within one process; several host instances would need a storage lease.
 */
export class PerUserQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
