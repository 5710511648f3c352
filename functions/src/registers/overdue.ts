// PLACEHOLDER until the daily overdue sweep of assigned tasks is built.
export const handler = async () => ({ overdue: 0 });
