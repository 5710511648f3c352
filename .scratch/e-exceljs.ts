import * as m from 'exceljs'; export const x = m;
