import * as m from 'pdfkit'; export const x = m;
