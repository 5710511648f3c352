// The assessment portal in headless Chromium against the test cloud. The leader starts a run for a past
// month from 月度考核, watches its progress bar fill as the offices are scored, approves it and downloads
// the notice (a PDF); from the ranking an office's month opens, a line with facts shows them, and a
// fact's link opens the record's own page (the owning context's, from the record-link registry). An
// office account's home shows 本月考核 with the provisional score and an item due with its deadline in
// Shanghai time, the same score as the live month page it links to. The year-end funding drafted with a
// pool in yuan: the draft's total equals the pool to the fen, and so does the sum of its amounts; its
// workbook exported and the draft approved by the leader. A department's deduction limited to its own
// section, then withdrawn with a reason. The county admin's revision of the rubric: an empty description
// refused beside its input, the revision saved as the next version. The ranking on a phone: cards,
// nothing wider than the screen.
import { DEFAULT_ITEMS, previousMonthOf, shanghaiMonth, type Adjustment, type AssessmentRun, type FundingAllocation, type Rubric, type RubricVersions } from '@sifasuo/domain';
import { chooseFirst, downloadByButton, fitsPhone, login, nextResponse, openSelect, pickOption, shot, useBrowser } from './browser';

jest.setTimeout(180_000);

const newPage = useBrowser();
/** Two months back: settled (its deadlines passed), and not the month the 11th's schedule runs for. */
const PAST_MONTH = previousMonthOf(previousMonthOf(shanghaiMonth(new Date())));
const YEAR = Number(PAST_MONTH.slice(0, 4));
const THIS_MONTH = shanghaiMonth(new Date());
/** A month as the month picker names it: 2026年3月. */
const monthTitle = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;
const CURRENT_YEAR = Number(shanghaiMonth(new Date()).slice(0, 4));
/** `YYYY-MM-DD HH:mm`: how the portal writes an instant (Asia/Shanghai). */
const SHANGHAI_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;
/** 1,234.56 → 123456 fen. */
const fenOf = (yuan: string) => Math.round(Number(yuan.replace(/,/g, '')) * 100);

describe('assessment, the monthly run', () => {
  it('the leader starts a run for a past month, sees it scored, approves it, downloads the notice and follows a line to its record', async () => {
    const page = await newPage();
    await login(page, 'leader');
    await page.goto(`/#/assessment-runs?month=${PAST_MONTH}`);
    await page.getByTestId('run-start').waitFor();

    const started = nextResponse(page, 'POST', '/api/assessment/runs');
    await page.getByTestId('run-start').click();
    const answer = await started;
    expect([200, 202]).toContain(answer.status());
    const { runId } = (await answer.json()) as { runId: string };
    expect(runId.startsWith(`${PAST_MONTH}-v`)).toBe(true);

    // The bar fills: every office scored, the run waiting for approval.
    const progress = page.getByTestId('run-progress');
    await progress.waitFor();
    await page.locator('[data-testid="run-progress"][data-running="false"]').waitFor({ timeout: 90_000 });
    expect(await progress.getAttribute('data-done')).toBe(await progress.getAttribute('data-total'));
    expect(Number(await progress.getAttribute('data-total'))).toBeGreaterThan(0);
    await page.locator('[data-testid="run-status"][data-status="scored"]').waitFor();
    await page.getByTestId('ranking-table').waitFor();
    const offices = await page.getByTestId('ranking-office').count();
    expect(offices).toBe(Number(await progress.getAttribute('data-total')));
    await shot(page, 'assessment-run-scored', { settle: true });

    // Approved by the leader: published.
    await page.getByTestId('run-approve').click();
    await page.getByTestId('run-approve-comment').fill('同意发布');
    const approving = nextResponse(page, 'POST', `/api/assessment/runs/${runId}/approve`);
    await page.getByTestId('run-approve-submit').click();
    const approved = await approving;
    expect(approved.status()).toBe(200);
    expect(((await approved.json()) as AssessmentRun).status).toBe('approved');
    await page.locator('[data-testid="run-status"][data-status="approved"]').waitFor();

    // The notice, through the button.
    const { bytes } = await downloadByButton(page, `/api/assessment/runs/${runId}/notice.pdf`, 'notice-pdf');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // An office's month, a line with facts, and a fact's record on its own page.
    await page.getByTestId('ranking-office').first().click();
    await page.waitForURL(`**/#/assessment-offices/*/${PAST_MONTH}?runId=${runId}`);
    await page.getByTestId('score-lines').waitFor();
    const withFacts = page.locator('[data-testid="score-line"]:not([data-facts="0"])').first();
    await withFacts.waitFor();
    const drilled = nextResponse(page, 'GET', '/api/assessment/drilldown');
    await withFacts.click();
    expect((await drilled).status()).toBe(200);
    const drawer = page.getByTestId('facts-drawer');
    await drawer.getByTestId('facts-table').waitFor();
    expect(await drawer.locator('td, .ant-card').filter({ hasText: SHANGHAI_TIME }).count()).toBeGreaterThan(0);
    const link = drawer.getByTestId('fact-record-link').first();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^#\/(mediation-|registers\/|office-)/);
    await link.click();
    await page.waitForURL((url) => url.hash === href);
    await page.getByTestId('page').waitFor();
    expect(await page.getByTestId('not-found').count()).toBe(0);
  });

  it('an office account sees 本月考核 on its home: the provisional score and an item due with its Shanghai deadline', async () => {
    const page = await newPage();
    await login(page, 'staff-0101');
    const card = page.getByTestId('home-card-assessment-month');
    await card.getByTestId('assessment-month-card').waitFor();
    const provisional = (await card.getByTestId('assessment-provisional').locator('[data-figure-value]').innerText()).trim();
    expect(provisional).toMatch(/^\d+(\.\d{1,2})?$/);
    const due = card.locator('[data-testid="assessment-radar-list"] li[data-state="due"]').first();
    await due.waitFor();
    expect(await due.innerText()).toMatch(SHANGHAI_TIME);
    await card.getByTestId('assessment-live-link').click();
    await page.waitForURL('**/#/assessment-live');
    expect((await page.getByTestId('live-total').innerText()).trim()).toBe(provisional);
    await page.getByTestId('live-radar').waitFor();
  });
});

describe('assessment, the year-end funding', () => {
  it('drafts a pool of 100,000.00 元: the total and the sum of the amounts equal the pool; exported and approved', async () => {
    const page = await newPage();
    await login(page, 'leader');
    await page.goto('/#/assessment-funding');
    await page.getByTestId('funding-draft').waitFor();
    if (YEAR !== CURRENT_YEAR) {
      await page.getByTestId('funding-year').click();
      await page.getByTitle(`${YEAR}年`).click();
    }
    await page.getByTestId('funding-pool-input').fill('100000');
    await page.getByTestId('funding-threshold').fill('0');
    const drafting = nextResponse(page, 'POST', '/api/assessment/funding');
    await page.getByTestId('funding-draft').click();
    const drafted = await drafting;
    expect(drafted.status()).toBe(201);
    expect(drafted.request().postDataJSON()).toMatchObject({ year: YEAR, mode: 'pool', poolFen: 10_000_000, threshold: 0 });
    const allocation = (await drafted.json()) as FundingAllocation;
    expect(allocation.totalFen).toBe(10_000_000);

    await page.locator(`[data-testid="funding-version"]`).getByText('草案').waitFor();
    expect(await page.getByTestId('funding-total').innerText()).toBe('100,000.00');
    expect(await page.getByTestId('funding-pool').innerText()).toBe('100,000.00');
    const amounts = await page.getByTestId('funding-amount').allInnerTexts();
    expect(amounts.length).toBe(allocation.items.length);
    expect(amounts.reduce((s, a) => s + fenOf(a), 0)).toBe(10_000_000);
    await shot(page, 'assessment-funding-draft', { settle: true });

    // The finance office's workbook, then the leader's approval.
    const workbook = await downloadByButton(page, `/api/assessment/funding/${allocation.id}/export.xlsx`, 'funding-export');
    expect(workbook.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await page.getByTestId('funding-approve').click();
    const approving = nextResponse(page, 'POST', `/api/assessment/funding/${allocation.id}/approve`);
    await page.getByTestId('funding-approve-submit').click();
    expect((await approving).status()).toBe(200);
    await page.locator('[data-testid="funding-status"]').getByText('已审批').waitFor();
  });
});

describe('assessment, deductions and bonuses', () => {
  it('人民调解股 is offered its own section (B) and the bonus X only; it deducts, then withdraws the deduction with a reason', async () => {
    const page = await newPage();
    await login(page, 'dept-mediation');
    await page.goto('/#/assessment-adjustments');
    await page.getByTestId('adjustment-table').waitFor();
    // This month: no run yet (a published month takes corrections only through a new run: 409).
    await pickOption(page, await openSelect(page, page.getByTestId('adjustment-month')), monthTitle(THIS_MONTH));
    await page.getByTestId('adjustment-add').click();

    const items = await openSelect(page, page.getByTestId('adjustment-item'));
    const own = DEFAULT_ITEMS.filter((i) => i.section === 'B').map((i) => `扣分：${i.id} ${i.name}`);
    expect(await items.locator('.ant-select-item-option').allTextContents()).toEqual([...own, '加分：X 加分项']);
    await pickOption(page, items, '扣分：B5 重大纠纷4小时内报告');
    await chooseFirst(page, 'adjustment-office');
    await page.getByTestId('adjustment-points').fill('2');
    const reason = `重大纠纷迟报（浏览器测试 ${Date.now()}）`;
    await page.getByTestId('adjustment-reason').fill(reason);
    await page.getByTestId('adjustment-evidence').fill('县局督查通报');
    const adding = nextResponse(page, 'POST', '/api/assessment/deductions');
    await page.getByTestId('adjustment-submit').click();
    const added = await adding;
    expect(added.status()).toBe(201);
    expect(added.request().postDataJSON()).toMatchObject({ month: THIS_MONTH, item: 'B5', points: 2, reason });
    const { id } = (await added.json()) as Adjustment;

    const row = page.locator(`tr[data-row-key="${id}"]`);
    await row.getByTestId('adjustment-withdraw').click();
    await page.getByTestId('adjustment-withdraw-reason').fill('核实为按时报告');
    const withdrawing = nextResponse(page, 'POST', `/api/assessment/deductions/${id}/withdraw`);
    await page.getByTestId('adjustment-withdraw-submit').click();
    expect((await withdrawing).status()).toBe(200);
    await row.getByText('已撤销（核实为按时报告）').waitFor();
    expect(await row.getByTestId('adjustment-withdraw').count()).toBe(0);
  });
});

describe('assessment, the rubric', () => {
  it('the county admin revises an item: an empty description is refused beside its input, a revision saves as the next version', async () => {
    const page = await newPage();
    await login(page, 'admin');
    const loaded = nextResponse(page, 'GET', `/api/assessment/rubrics/${CURRENT_YEAR}`);
    await page.goto('/#/assessment-rubric');
    const before = (await (await loaded).json()) as RubricVersions;
    await page.getByTestId('rubric-edit').click();
    await page.getByTestId('rubric-form').waitFor();

    const description = page.getByTestId('rubric-description-A1');
    await description.fill('');
    await page.getByTestId('rubric-save').click();
    await page.locator('.ant-form-item-has-error').getByTestId('rubric-description-A1').waitFor();

    const revised = `次月3日前报送8分，10日前4分，逾期或未报0分（浏览器测试 ${Date.now()}）`;
    await description.fill(revised);
    await page.getByTestId('rubric-note').fill('调整A1说明');
    const saving = nextResponse(page, 'PUT', `/api/assessment/rubrics/${CURRENT_YEAR}`);
    await page.getByTestId('rubric-save').click();
    const saved = await saving;
    expect(saved.status()).toBe(200);
    expect(saved.request().postDataJSON()).toMatchObject({ version: before.current.version, note: '调整A1说明' });
    const rubric = (await saved.json()) as Rubric;
    expect(rubric.version).toBe(Math.max(before.current.version, ...before.versions.map((v) => v.version)) + 1);
    await page.getByTestId('rubric-meta').getByText(`第${rubric.version}版`).waitFor();
    await page.locator('[data-testid="rubric-section"]').getByText(revised).waitFor();
  });
});

describe('assessment on a phone', () => {
  it('the ranking fits 390 px as cards', async () => {
    const page = await newPage(undefined, { phone: true });
    await login(page, 'leader');
    await page.goto(`/#/assessment-runs?month=${PAST_MONTH}`);
    await page.getByTestId('run-info').waitFor();
    await page.getByTestId('ranking-total').first().waitFor();
    expect(await page.locator('.ant-table').count()).toBe(0);
    await fitsPhone(page);
    await shot(page, 'assessment-ranking-phone', { settle: true });
  });
});
