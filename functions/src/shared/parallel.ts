// Bounded parallelism: many independent calls (writes, PutEvents) with at most `limit` in flight, so a
// long list neither runs one call at a time nor floods the service.

/**
 * Calls `run` for every item, at most `limit` at once. After a failure no new call starts; once the
 * calls in flight have ended, it rejects with the first failure (nothing is left running behind it).
 */
export const forEachInParallel = async <T>(items: readonly T[], limit: number, run: (item: T) => Promise<unknown>): Promise<void> => {
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (!failure && next < items.length) {
        try {
          await run(items[next++]!);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
};

/** `items` in consecutive groups of `size`. */
export const chunksOf = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};
