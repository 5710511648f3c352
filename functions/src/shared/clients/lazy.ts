/** A value made on first use, then kept for the container's life. */
export const lazy = <T>(make: () => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};
