// The registers portal in headless Chromium against the test cloud. As the office staff of 0101: the
// petitions book from the menu (台账 → 来信来访登记簿), a petition registered through the form generated
// from its declaration, its detail showing 答复期限 = the day received + 15 and 办结期限 + 60; the year's
// book exported through the button and opened with exceljs (the title, the grouped header over its
// columns, the row's values as the list shows them); the same workbook with a bad cell imported back by
// presigned upload, refused whole with the problem's row, column and reason. Leave asked by the staff
// and approved by the area director (director-01) from 待我审批; a report of 0102 returned by the area
// director with a comment and handed in again. The book's list on a phone: it fits, and is kept as
// registers-list-phone.png. A task assigned by the leader to an area's offices (按片区), reported done by
// 0101 with an attachment sent by presigned upload, and its cell on the leader's board turned 已完成.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import {
  addDays,
  LEAVE_STATUS_LABELS,
  REPORT_STATUS_LABELS,
  registerById,
  shanghaiDay,
  type LeaveRequest,
  type RegisterEntry,
  type RegisterImportResult,
  type Report,
  type Task,
  type TaskAssignment,
} from '@sifasuo/domain';
import { chooseFirst, downloadByButton, fitsPhone, login, nextResponse, openMenu, shot, useBrowser } from './browser';

jest.setTimeout(180_000);

const newPage = useBrowser();
const STAFF = 'staff-0101';
const DIRECTOR = 'director-01';
/** An office of director-01's area other than their own: the one whose reports they may return. */
const CLUSTER_STAFF = 'staff-0102';
const PETITIONS = registerById('petitions')!;

/** Types a value into an antd picker (a day, a day and time, a range's start and end). */
const typeInto = async (page: Page, testId: string, ...values: string[]) => {
  const inputs = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);
  for (const [i, value] of values.entries()) {
    const input = inputs.nth(i);
    await input.click();
    await input.fill(value);
    await input.press('Enter');
  }
};

/** Every cell's text of a sheet, row by row. */
const sheetRows = (sheet: ExcelJS.Worksheet) => {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in (v as object) ? String((v as { richText: { text: string }[] }).richText.map((t) => t.text).join('')) : String(v)));
  });
  return rows;
};

describe('registers, the generic register page', () => {
  it('registers a petition through the generated form, shows its deadlines, exports the book and refuses an import with a bad row', async () => {
    const page = await newPage();
    await login(page, STAFF);
    await openMenu(page, 'registers', '#/registers');
    await page.getByTestId('register-petitions').click();
    await page.waitForURL('**/#/registers/petitions');
    await page.getByTestId('entry-table').waitFor();

    // Received yesterday at 09:30 Beijing time (never "later than now").
    const receivedOn = addDays(shanghaiDay(new Date()), -1);
    const request = `反映村道路灯损坏无人维修，要求尽快修复（浏览器测试 ${Date.now()}）`;
    await page.getByTestId('entry-new').click();
    await page.getByTestId('entry-form').waitFor();
    await typeInto(page, 'entry-field-receivedAt', `${receivedOn} 09:30`);
    await chooseFirst(page, 'entry-field-channel');
    const visitors = page.getByTestId('entry-field-visitors');
    await visitors.click();
    await page.keyboard.type('张三');
    await page.keyboard.press('Enter');
    await page.keyboard.type('李四');
    await page.keyboard.press('Enter');
    await page.locator('input[data-testid="entry-field-peopleCount"], [data-testid="entry-field-peopleCount"] input').first().fill('2');
    await page.getByTestId('entry-field-request').fill(request);
    await page.getByTestId('entry-field-handler').fill('王所长');
    await shot(page, 'registers-entry-form-desktop', { settle: true });
    const created = nextResponse(page, 'POST', '/api/registers/petitions/entries');
    await page.getByTestId('entry-submit').click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    const entry = (await answer.json()) as RegisterEntry;
    expect(answer.request().postDataJSON()).toMatchObject({ officeId: '0101', receivedAt: `${receivedOn}T09:30:00+08:00`, visitors: [{ name: '张三' }, { name: '李四' }], peopleCount: 2 });

    // The detail: 答复期限 15 days and 办结期限 60 days after the day received, in Shanghai.
    await page.waitForURL(`**/#/registers/petitions/${entry.id}`);
    await page.getByTestId('entry-detail').waitFor();
    expect(await page.getByTestId('derived-replyDueOn').innerText()).toBe(addDays(receivedOn, 15));
    expect(await page.getByTestId('derived-finishDueOn').innerText()).toBe(addDays(receivedOn, 60));
    expect(await page.getByTestId('entry-value-visitors').innerText()).toBe('张三、李四');
    await shot(page, 'registers-entry-detail-desktop');

    // Back to the book: the new entry listed with its names joined and its time in Shanghai.
    await page.getByTestId('breadcrumbs').getByText(PETITIONS.name).click();
    await page.waitForURL('**/#/registers/petitions');
    const row = page.locator(`[data-testid="entry-table"] tr[data-row-key="${entry.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(`${receivedOn} 09:30`);
    expect(await row.innerText()).toContain('张三、李四');
    await shot(page, 'registers-list-desktop');

    // The year's book, through the button.
    const year = Number(receivedOn.slice(0, 4));
    if (year !== new Date().getFullYear()) {
      await page.getByTestId('entry-export-year').click();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    }
    const { bytes } = await downloadByButton(page, '/api/registers/petitions/export.xlsx', 'entry-export-download');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows = sheetRows(sheet);
    expect(rows[0]![0]).toContain(`${PETITIONS.name}（${year}年）`);
    // The grouped header: 来访（信）人 over 姓名, 人数…; 办理情况 and 期限 over theirs.
    const groupRow = rows.findIndex((r) => r.includes('来访（信）人'));
    expect(groupRow).toBeGreaterThan(0);
    const leafRow = rows[groupRow + 1]!;
    expect(leafRow).toEqual(expect.arrayContaining(['姓名', '人数', '答复期限', '办结期限']));
    const namesColumn = rows[groupRow]!.indexOf('来访（信）人');
    expect(leafRow[namesColumn]).toBe('姓名');
    expect(sheet.getCell(groupRow + 1, namesColumn + 1).isMerged).toBe(true);
    const mine = rows.find((r) => r.includes(request));
    expect(mine).toBeDefined();
    expect(mine).toEqual(expect.arrayContaining([`${receivedOn} 09:30`, '张三、李四', '王所长', addDays(receivedOn, 15), addDays(receivedOn, 60)]));

    // The book imported back with one bad cell: refused whole, the problem by row, column and reason.
    const peopleColumn = leafRow.indexOf('人数') + 1;
    const mineAt = rows.indexOf(mine!) + 1;
    sheet.getCell(mineAt, peopleColumn).value = '两个人';
    const badFile = Buffer.from(await book.xlsx.writeBuffer());
    const before = await page.locator('[data-testid="entry-table"] tr[data-row-key]').count();
    const imported = nextResponse(page, 'POST', '/api/registers/petitions/imports');
    await page.getByTestId('entry-import-file').setInputFiles({ name: '来信来访-有错.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: badFile });
    const importAnswer = await imported;
    const result = (await importAnswer.json()) as RegisterImportResult;
    // The body beside the status: a refusal says why.
    expect({ status: importAnswer.status(), result }).toEqual({ status: 200, result: expect.objectContaining({ imported: 0 }) });
    expect(result.problems).toEqual(expect.arrayContaining([expect.objectContaining({ row: mineAt, column: '来访（信）人/人数' })]));
    await page.getByTestId('entry-import-refused').waitFor();
    const problems = page.getByTestId('entry-import-problems');
    expect(await problems.innerText()).toContain('来访（信）人/人数');
    expect(await problems.locator('tr.ant-table-row').count()).toBe(result.problems.length);
    await shot(page, 'registers-import-problems-desktop');
    // Nothing was written.
    expect(await page.locator('[data-testid="entry-table"] tr[data-row-key]').count()).toBe(before);
  });

  it('fits a phone: the book list as cards', async () => {
    const page = await newPage(undefined, { phone: true });
    await login(page, STAFF);
    await openMenu(page, 'registers', '#/registers');
    await page.getByTestId('register-petitions').click();
    await page.waitForURL('**/#/registers/petitions');
    // A list of cards on a phone (empty only where the office has no entry yet).
    await page.locator('[data-testid="entry-table"].ant-list').waitFor();
    await page.getByTestId('entry-count').waitFor();
    const shown = Number(/\d+/.exec(await page.getByTestId('entry-count').innerText())![0]);
    expect(await page.getByTestId('entry-table').locator('.ant-card').count()).toBe(shown);
    await fitsPhone(page);
    await shot(page, 'registers-list-phone');
  });
});

describe('registers, leave and reports', () => {
  it('leave asked by the staff is approved by the area director from the queue', async () => {
    const staff = await newPage();
    await login(staff, STAFF);
    await openMenu(staff, 'office-leave', '#/office-leave');
    const from = addDays(shanghaiDay(new Date()), 30);
    const to = addDays(from, 1);
    const reason = `回老家办理房产手续（${Date.now()}）`;
    await staff.getByTestId('leave-new').click();
    await chooseFirst(staff, 'leave-kind');
    await typeInto(staff, 'leave-range', from, to);
    await staff.getByTestId('leave-reason').fill(reason);
    const requested = nextResponse(staff, 'POST', '/api/registers/leave');
    await staff.getByTestId('leave-submit').click();
    const answer = await requested;
    expect(answer.status()).toBe(201);
    const leave = (await answer.json()) as LeaveRequest;
    expect(leave).toMatchObject({ from, to, status: 'requested' });
    await staff.locator(`[data-testid="leave-mine"] [data-row-key="${leave.id}"]`).getByText(LEAVE_STATUS_LABELS.requested).waitFor();

    const director = await newPage();
    await login(director, DIRECTOR);
    await director.goto('/#/office-leave?tab=decide');
    const row = director.locator(`[data-testid="leave-to-decide"] [data-row-key="${leave.id}"]`);
    await row.getByTestId('leave-decide').click();
    await director.getByTestId('leave-comment').fill('同意，注意工作交接');
    const decided = nextResponse(director, 'POST', `/api/registers/leave/${leave.id}/decide`);
    await director.getByTestId('leave-action-submit').click();
    const decision = await decided;
    expect(decision.status()).toBe(200);
    expect(decision.request().postDataJSON()).toMatchObject({ decision: 'approve', version: leave.version });
    await row.waitFor({ state: 'detached' });
    await shot(director, 'registers-leave-decided-desktop', { settle: true });

    await staff.reload();
    await staff.locator(`[data-testid="leave-mine"] [data-row-key="${leave.id}"]`).getByText(LEAVE_STATUS_LABELS.approved).waitFor();
  });

  it('a report returned by the area director with a comment is handed in again', async () => {
    const office = await newPage();
    await login(office, CLUSTER_STAFF);
    await openMenu(office, 'office-reports', '#/office-reports');
    const title = `东关所信息：调解一起邻里纠纷（${Date.now()}）`;
    await office.getByTestId('report-new').click();
    await office.getByTestId('report-kind').click();
    await office.keyboard.type('信息');
    await office.locator('.ant-select-item-option', { hasText: /^信息$/ }).click();
    await typeInto(office, 'report-period', shanghaiDay(new Date()).slice(0, 7));
    await office.getByTestId('report-title').fill(title);
    await office.getByTestId('report-content').fill('本所调解员深入村组，成功化解一起因宅基地引发的邻里纠纷。');
    const submitted = nextResponse(office, 'POST', '/api/registers/reports');
    await office.getByTestId('report-submit').click();
    const answer = await submitted;
    expect(answer.status()).toBe(201);
    const report = (await answer.json()) as Report;
    expect(report).toMatchObject({ officeId: '0102', kind: 'information', status: 'submitted' });

    const director = await newPage();
    await login(director, DIRECTOR);
    await openMenu(director, 'office-reports', '#/office-reports');
    await director.getByTestId('report-filter-office').click();
    await director.keyboard.type('东关');
    await director.keyboard.press('Enter');
    const row = director.locator(`[data-testid="report-table"] [data-row-key="${report.id}"]`);
    await row.getByTestId('report-return').click();
    await director.getByTestId('report-return-comment-input').fill('请补充纠纷化解的具体做法和成效。');
    const returned = nextResponse(director, 'POST', `/api/registers/reports/${report.id}/return`);
    await director.getByTestId('report-return-submit').click();
    expect((await returned).status()).toBe(200);
    await row.getByTestId('report-status').getByText(REPORT_STATUS_LABELS.returned).waitFor();

    await office.reload();
    const mine = office.locator(`[data-testid="report-table"] [data-row-key="${report.id}"]`);
    await mine.getByTestId('report-status').getByText(REPORT_STATUS_LABELS.returned).waitFor();
    expect(await mine.innerText()).toContain('请补充纠纷化解的具体做法和成效。');
    await mine.getByTestId('report-resubmit').click();
    await office.getByTestId('report-return-comment').waitFor();
    await office.getByTestId('report-content').fill('本所调解员深入村组，采用“背靠背”调解，三天内化解一起宅基地纠纷，双方签订书面协议。');
    const resubmitted = nextResponse(office, 'PUT', `/api/registers/reports/${report.id}`);
    await office.getByTestId('report-submit').click();
    const again = await resubmitted;
    expect(again.status()).toBe(200);
    expect(((await again.json()) as Report).status).toBe('submitted');
    await mine.getByTestId('report-status').getByText(REPORT_STATUS_LABELS.submitted).waitFor();
    await shot(office, 'registers-report-resubmitted-desktop');
  });
});

describe('registers, assigned tasks', () => {
  it('a task assigned to an area is reported done by an office with an attachment, and the board shows it', async () => {
    const leader = await newPage();
    await login(leader, 'leader');
    await openMenu(leader, 'office-tasks', '#/office-tasks');
    const title = `排查辖区内矛盾纠纷并报送情况（${Date.now()}）`;
    await leader.getByTestId('task-new').click();
    await leader.getByTestId('task-title').fill(title);
    await leader.getByTestId('task-content').fill('请各所于期限前完成辖区矛盾纠纷排查，并报送排查情况。');
    // 按片区: the first area's offices (0101's area comes first).
    await leader.getByTestId('task-offices-area').click();
    await leader.keyboard.press('Enter');
    await leader.getByTestId('task-offices').getByText('城关镇司法所').waitFor();
    await typeInto(leader, 'task-dueOn', addDays(shanghaiDay(new Date()), 7));
    const assigned = nextResponse(leader, 'POST', '/api/registers/tasks');
    await leader.getByTestId('task-submit').click();
    const answer = await assigned;
    expect(answer.status()).toBe(201);
    const task = (await answer.json()) as Task;
    expect(task.officeIds).toContain('0101');
    expect(task.officeIds.every((id) => id.startsWith('01'))).toBe(true);

    const office = await newPage();
    await login(office, STAFF);
    await openMenu(office, 'office-tasks', '#/office-tasks');
    const row = office.locator(`[data-testid="task-table"] [data-row-key="${task.id}-0101"]`);
    await row.getByTestId('task-complete').click();
    await office.getByTestId('task-complete-note').fill('已完成辖区12个村（社区）的排查，发现纠纷3件，均已化解。');
    const put = office.waitForResponse((r) => r.request().method() === 'PUT' && !new URL(r.url()).pathname.startsWith('/api/'));
    await office.getByTestId('task-complete-attachments-file').setInputFiles({ name: '排查情况.txt', mimeType: 'text/plain', buffer: Buffer.from('排查情况：发现纠纷3件，均已化解。') });
    expect((await put).status()).toBe(200);
    await office.getByTestId('task-complete-attachments').getByText('排查情况.txt').waitFor();
    const completed = nextResponse(office, 'POST', `/api/registers/tasks/${task.id}/offices/0101/complete`);
    await office.getByTestId('task-complete-submit').click();
    const done = await completed;
    expect(done.status()).toBe(200);
    const assignment = (await done.json()) as TaskAssignment;
    expect(assignment).toMatchObject({ state: 'done', attachments: [expect.objectContaining({ fileName: '排查情况.txt' })] });
    await row.locator('[data-state="done"]').waitFor();

    await leader.reload();
    await leader.getByTestId('task-tabs').getByText('任务看板').click();
    await leader.locator(`[data-testid="task-cell-0101-${task.id}"] [data-state="done"]`).waitFor();
    await shot(leader, 'registers-task-board-desktop');
  });
});
