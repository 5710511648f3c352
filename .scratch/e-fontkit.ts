import * as m from 'fontkit'; export const x = m;
