import * as m from 'zod'; export const x = m;
