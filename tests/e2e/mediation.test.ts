// People's mediation in headless Chromium, as the demo office staff of 0101: a case from intake to a
// closed written agreement of 12,345.67 元 (sent as 1234567 fen), its agreement PDF downloaded through
// the button, the case then 已结案 with only the actions the state machine allows next; the screening
// month view showing each period's state as the server reports it, a zero report turning its cell done
// and, withdrawn, open again; the statistics counting the new case. Screenshots at desktop and phone:
// mediation-*.png.
// The downloaded PDF is rendered (poppler) and looked at: every Chinese character of it has ink where
// pdftotext says it is, it names the case and the amount, and its first page is kept as
// mediation-agreement-page1.png.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { emptyCells, renderPdf } from '../support/pdf-render';
import {
  allowedCaseCommands,
  previousMonthOf,
  shanghaiDay,
  type MediationCase,
  type ScreeningBoard,
} from '@sifasuo/domain';
import { ARTIFACTS, chooseFirst, downloadByButton, fitsPhone, login, nextResponse, openMenu, shot, useBrowser } from './browser';

jest.setTimeout(180_000);

const newPage = useBrowser();
const STAFF = 'staff-0101';
const OFFICE = '0101';

/** Types a day into an antd DatePicker. */
const pickDate = async (page: Page, testId: string, day: string) => {
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.click();
  await input.fill(day);
  await input.press('Enter');
};

const statisticsReceived = async (page: Page) => {
  await openMenu(page, 'mediation-statistics', '#/mediation-statistics');
  return Number(await page.getByTestId('statistics-received').innerText());
};

const actionsShown = async (page: Page) =>
  (await page.getByTestId('case-actions').locator('[data-testid^="case-action-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!))).map((id) =>
    id.replace('case-action-', ''),
  );

describe('mediation, as the office staff', () => {
  it('registers a case, records, closes it with a written agreement, downloads the agreement and sees the statistics count it', async () => {
    const page = await newPage();
    await login(page, STAFF);
    const today = shanghaiDay(new Date());
    const receivedBefore = await statisticsReceived(page);
    await shot(page, 'mediation-statistics-desktop');

    // Intake.
    await openMenu(page, 'mediation-cases', '#/mediation-cases');
    await page.getByTestId('case-new').click();
    await page.getByTestId('case-form').waitFor();
    await chooseFirst(page, 'case-source');
    await chooseFirst(page, 'case-type');
    await page.getByTestId('case-summary').fill('邻里之间因排水沟堵塞引发纠纷，双方多次争吵。');
    await page.getByTestId('party-0-name').fill('王建国');
    await page.getByTestId('party-0-phone').fill('13800000001');
    await page.getByTestId('party-1-name').fill('李秀英');
    await page.getByTestId('party-1-phone').fill('13800000002');
    await shot(page, 'mediation-case-new-desktop', { settle: true });
    const created = nextResponse(page, 'POST', '/api/mediation/cases');
    await page.getByTestId('case-submit').click();
    expect((await created).status()).toBe(201);
    const registered = (await (await created).json()) as MediationCase;
    await page.waitForURL(`**/#/mediation-cases/${registered.id}`);
    await page.getByTestId('case-detail-status').getByText('已受理').waitFor();
    expect(await actionsShown(page)).toEqual(['record', 'close', 'withdraw']);

    // A mediation record.
    await page.getByTestId('case-action-record').click();
    await page.getByTestId('record-content').fill('调解员召集双方到场，查看现场，释法说理。');
    const recorded = nextResponse(page, 'POST', `/api/mediation/cases/${registered.id}/records`);
    await page.getByTestId('case-action-submit').click();
    expect((await recorded).status()).toBe(200);
    await page.getByTestId('case-detail-status').getByText('调解中').waitFor();

    // Closed with a written agreement: the amount typed in 元 leaves as whole fen.
    await page.getByTestId('case-action-close').click();
    await page.getByTestId('close-terms').fill('一、双方共同出资疏通排水沟；二、李秀英赔偿王建国损失。');
    await page.getByTestId('close-amount').fill('12,345.67');
    await pickDate(page, 'close-performBy', today);
    const closing = nextResponse(page, 'POST', `/api/mediation/cases/${registered.id}/close`);
    await page.getByTestId('case-action-submit').click();
    const closed = await closing;
    expect(closed.status()).toBe(200);
    expect(closed.request().postDataJSON()).toMatchObject({ result: 'agreement', agreement: { form: 'written', amountFen: 1234567, performBy: today } });
    const after = (await closed.json()) as MediationCase;
    expect(after.closure?.agreement?.amountFen).toBe(1234567);

    await page.getByTestId('case-detail-status').getByText('已结案').waitFor();
    expect(await page.getByTestId('case-amount').innerText()).toBe('12,345.67');
    // Only what the state machine allows next, less the review (a director's or 人民调解股's).
    const expected = allowedCaseCommands(after).filter((k) => k !== 'review');
    expect(expected).toEqual(['follow-up', 'confirm', 'enter-online', 'withdraw']);
    expect(await actionsShown(page)).toEqual(expected);
    await shot(page, 'mediation-case-closed-desktop', { settle: true });

    // The agreement, through the button.
    const { bytes } = await downloadByButton(page, `/api/mediation/cases/${registered.id}/agreement.pdf`, 'case-agreement-pdf');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
    const rendered = renderPdf(bytes, { firstPagePng: join(ARTIFACTS, 'mediation-agreement-page1.png') });
    expect(emptyCells(rendered)).toEqual([]);
    const text = rendered.text.replace(/\s/g, '');
    expect(text).toContain('人民调解协议书');
    expect(text).toContain(after.caseNo);
    expect(text).toContain('12,345.67');

    // The month's statistics count the new case.
    expect(await statisticsReceived(page)).toBe(receivedBefore + 1);
  });

  it('shows the screening month view as the server reports it; a zero report turns its cell done, withdrawn opens it again', async () => {
    const page = await newPage();
    await login(page, STAFF);
    const thisMonth = shanghaiDay(new Date()).slice(0, 7);

    /** Opens a month's view; answers the board the page was given. */
    const openMonth = async (month: string) => {
      const answered = nextResponse(page, 'GET', '/api/mediation/screening-board');
      await page.goto(`/#/mediation-screening?month=${month}`);
      const board = (await (await answered).json()) as ScreeningBoard;
      await page.getByTestId('screening-board').waitFor();
      return board;
    };
    const stateOf = (column: string) => page.getByTestId(`cell-${OFFICE}-${column}`).getAttribute('data-state');

    const board = await openMonth(thisMonth);
    await page.getByTestId('period-legend').waitFor();
    const row = board.rows.find((r) => r.officeId === OFFICE)!;
    expect(board.rows.map((r) => r.officeId)).toEqual([OFFICE]);
    expect(await stateOf('firstHalf')).toBe(row.firstHalf);
    expect(await stateOf('secondHalf')).toBe(row.secondHalf);
    expect(await stateOf('report')).toBe(row.report);
    await shot(page, 'mediation-screening-desktop');

    // This month's open half (on time: done) — or, once the demo year (or an earlier run on this cloud)
    // has filled it, a missed half in a month before the demo year (a late zero report: late).
    const HALVES = ['firstHalf', 'secondHalf'] as const;
    let column = HALVES.find((c) => row[c] === 'due');
    let expected = 'done';
    if (!column) {
      expected = 'late';
      let month = thisMonth;
      for (let i = 0; i < 13; i++) month = previousMonthOf(month);
      while (!column) {
        month = previousMonthOf(month);
        const old = (await openMonth(month)).rows[0]!;
        column = HALVES.find((c) => old[c] === 'missing');
      }
    }
    await page.getByTestId(`cell-${OFFICE}-${column}`).click();
    await page.getByTestId('screening-form').waitFor();
    await page.getByTestId('screening-participants').fill('张明、刘芳');
    await page.getByTestId('screening-zero').click();
    await page.getByTestId('screening-zero-note').waitFor();
    const submitted = nextResponse(page, 'POST', '/api/mediation/screenings');
    const reloaded = nextResponse(page, 'GET', '/api/mediation/screening-board');
    await page.getByTestId('screening-submit').click();
    expect((await submitted).status()).toBe(201);
    expect((await submitted).request().postDataJSON()).toMatchObject({ officeId: OFFICE, kind: 'half-month', disputes: [] });
    await reloaded;
    await page.locator(`[data-testid="cell-${OFFICE}-${column}"][data-state="${expected}"]`).waitFor();

    // Withdrawn from the month's list, with a reason: the period is open to be reported again.
    const screening = (await (await submitted).json()) as { id: string };
    const listed = page.getByTestId('screening-table').locator(`tr[data-row-key="${screening.id}"]`);
    await listed.getByTestId('screening-withdraw').click();
    await page.getByTestId('screening-withdraw-reason').fill('排查人员填写有误，撤回重报');
    const withdrawn = nextResponse(page, 'POST', `/api/mediation/screenings/${screening.id}/withdraw`);
    await page.getByTestId('screening-withdraw-confirm').click();
    expect((await withdrawn).status()).toBe(200);
    expect((await withdrawn).request().postDataJSON()).toEqual({ version: 1, reason: '排查人员填写有误，撤回重报' });
    await listed.getByTestId('screening-withdrawn').waitFor();
    await page.locator(`[data-testid="cell-${OFFICE}-${column}"][data-state="${expected === 'done' ? 'due' : 'missing'}"]`).waitFor();
  });

  it('submits a one-sentence news item; shows the committees and the roster, whose re-import lists every problem and imports nothing', async () => {
    const page = await newPage();
    await login(page, STAFF);
    await openMenu(page, 'mediation-submissions', '#/mediation-submissions');
    await page.getByTestId('submission-new').click();
    await page.getByTestId('submission-form').waitFor();
    await page.getByTestId('submission-kind').getByText('一句话新闻').click();
    await page.getByTestId('submission-title').fill('城关镇司法所开展重大节日前矛盾纠纷集中排查');
    await page.getByTestId('submission-content').fill('城关镇司法所组织各村调委会开展节前矛盾纠纷集中排查，化解纠纷3起。');
    const submitted = nextResponse(page, 'POST', '/api/mediation/submissions');
    await page.getByTestId('submission-submit').click();
    expect((await submitted).status()).toBe(201);
    const news = (await (await submitted).json()) as { id: string };
    await page.getByTestId('submission-table').locator(`tr[data-row-key="${news.id}"]`).getByText('已报送').waitFor();
    await shot(page, 'mediation-submissions-desktop', { settle: true });

    await openMenu(page, 'mediation-committees', '#/mediation-committees');
    await page.getByTestId('committee-table').locator('tr[data-row-key]').first().waitFor();
    await page.getByTestId('mediator-table').locator('tr[data-row-key]').first().waitFor();
    await shot(page, 'mediation-committees-desktop');

    // The roster exported, and imported back as it is: every row's ID number is on the roster already,
    // so each is listed as a problem and nothing is imported.
    const exported = page.waitForEvent('download');
    await page.getByTestId('roster-export').click();
    const roster = await exported;
    expect(roster.suggestedFilename()).toMatch(/\.xlsx$/);
    const imported = nextResponse(page, 'POST', '/api/mediation/mediators/import');
    const file = join(ARTIFACTS, roster.suggestedFilename());
    await roster.saveAs(file);
    await page.getByTestId('roster-import-file').setInputFiles(file);
    const answer = (await (await imported).json()) as { imported: number; problems: unknown[] };
    expect(answer.imported).toBe(0);
    expect(answer.problems.length).toBeGreaterThan(0);
    await page.getByTestId('roster-import-refused').getByText('未导入任何数据').waitFor();
    expect(await page.getByTestId('roster-import-problems').locator('tr[data-row-key]').count()).toBe(answer.problems.length);
    await shot(page, 'mediation-roster-import-desktop', { settle: true });
  });

  it('fits a phone: the screening month, the cases, a case and the statistics', async () => {
    const page = await newPage(undefined, { phone: true });
    await login(page, STAFF);
    await openMenu(page, 'mediation-screening', '#/mediation-screening');
    await page.getByTestId('screening-board').waitFor();
    await fitsPhone(page);
    await shot(page, 'mediation-screening-phone');

    await openMenu(page, 'mediation-cases', '#/mediation-cases');
    await page.getByTestId('case-link').first().waitFor();
    await fitsPhone(page);
    await shot(page, 'mediation-cases-phone');
    await page.getByTestId('case-link').first().click();
    await page.getByTestId('case-timeline').waitFor();
    await fitsPhone(page);
    await shot(page, 'mediation-case-phone');

    await page.getByTestId('case-actions').waitFor();
    await openMenu(page, 'mediation-statistics', '#/mediation-statistics');
    await page.getByTestId('statistics-total').waitFor();
    await fitsPhone(page);
    await shot(page, 'mediation-statistics-phone');

    await openMenu(page, 'mediation-submissions', '#/mediation-submissions');
    await page.getByTestId('submission-table').waitFor();
    await fitsPhone(page);
    await shot(page, 'mediation-submissions-phone');
    await openMenu(page, 'mediation-committees', '#/mediation-committees');
    await page.getByTestId('committee-table').waitFor();
    await fitsPhone(page);
    await shot(page, 'mediation-committees-phone');
  });
});
