// PLACEHOLDER until the registers' demo year is built.
import type { SeedResult } from '@sifasuo/wiring';
export const handler = async (): Promise<SeedResult> => ({});
