import { agreementPdf } from '../functions/src/mediation/documents/agreement';
import { statisticsWorkbook } from '../functions/src/mediation/documents/statistics';
import { rosterWorkbook, parseRosterWorkbook } from '../functions/src/mediation/documents/roster';
import { cjkFontPath } from '../functions/src/shared/pdf';
export const handler = async (event: any) => {
  const t0 = Date.now();
  const pdf = await agreementPdf(event.input);
  const t1 = Date.now();
  const pdf2 = await agreementPdf(event.input);
  const t2 = Date.now();
  const roster = await rosterWorkbook({ mediators: [], committees: [], offices: [] });
  const parsed = await parseRosterWorkbook(roster, { officeId: '0101', committees: [] });
  return { font: cjkFontPath(), pdfBytes: pdf.length, firstMs: t1 - t0, secondMs: t2 - t1, rosterBytes: roster.length, parsed, stats: typeof statisticsWorkbook };
};
