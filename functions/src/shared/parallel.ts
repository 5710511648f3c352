// Bounded parallelism: many independent calls (writes, PutEvents) with at most `limit` in flight, so a
// long list neither runs one call at a time nor floods the service.

/** Calls `run` for every item, at most `limit` at once; rejects with the first failure. */
export const forEachInParallel = async <T>(items: readonly T[], limit: number, run: (item: T) => Promise<unknown>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
};

/** `items` in consecutive groups of `size`. */
export const chunksOf = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};
