// 司法所工作考核通报: a month's run as the notice the bureau publishes to every office — the run's state
// and rubric version, every office's rank, total and section subtotals, then the late (迟报) and missing
// (漏报) reports by office and item, and the deductions and bonuses with their reasons. Pure renderers
// (PDF through the kit's pen, Excel through its tables); the route loads and checks (documents-api.ts).
import { LINE_STATE_LABELS, roundPoints, RUN_STATUS_LABELS, shanghaiDateTime, type Adjustment, type AssessmentRun, type OfficeScore } from '@sifasuo/domain';
import { renderPdf } from '../shared/pdf';
import { addTableSheet, newWorkbook, workbookBytes } from '../shared/xlsx';

export interface NoticeInput {
  bureauName: string;
  run: AssessmentRun;
  scores: readonly OfficeScore[];
  generatedAt: Date;
}

export const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
export const noticeTitle = (bureauName: string, month: string) => `${bureauName}${monthText(month)}司法所工作考核通报`;
const versionText = (run: AssessmentRun) => (run.rubricVersion === 0 ? `${run.rubricYear}年默认评分细则` : `${run.rubricYear}年评分细则第${run.rubricVersion}版`);
const points = (n: number) => String(roundPoints(n));

/** By rank (a run not yet ranked: by total), then office id. */
export const rankedScores = (scores: readonly OfficeScore[]): OfficeScore[] =>
  [...scores].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.total - a.total || a.officeId.localeCompare(b.officeId));

/** A section's points after its deductions (never below 0), before the base is scaled back to 100. */
export const sectionSubtotal = (s: OfficeScore['sections'][number]) => Math.max(0, roundPoints(s.earned - s.deducted));

/** The section columns: every section any office's score has, in rubric order. */
const sectionsOf = (scores: readonly OfficeScore[]) => {
  const seen = new Map<string, string>();
  for (const s of scores) for (const sec of s.sections) if (!seen.has(sec.id)) seen.set(sec.id, sec.name);
  return [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([id, name]) => ({ id, name }));
};

/** "城关镇司法所：月度排查报告（迟报）、…", one per office with a flag. */
export const flagLines = (scores: readonly OfficeScore[]): string[] =>
  [...scores]
    .filter((s) => s.flags.length)
    .sort((a, b) => a.officeId.localeCompare(b.officeId))
    .map((s) => `${s.officeName}：${s.flags.map((f) => `${f.name}（${LINE_STATE_LABELS[f.state]}）`).join('、')}`);

const adjustmentsOf = (scores: readonly OfficeScore[]) =>
  [...scores].sort((a, b) => a.officeId.localeCompare(b.officeId)).flatMap((s) => s.adjustments.filter((a) => a.status === 'active').map((a) => ({ office: s.officeName, a })));
const adjustmentText = (a: Adjustment) => (a.kind === 'bonus' ? `加${points(a.points)}分` : `${a.item}项扣${points(a.points)}分`);

export const noticePdf = (input: NoticeInput): Promise<Uint8Array> => {
  const { bureauName, run, scores } = input;
  const ranked = rankedScores(scores);
  const sections = sectionsOf(scores);
  const flags = flagLines(scores);
  const adjustments = adjustmentsOf(scores);
  return renderPdf({ title: noticeTitle(bureauName, run.month), footer: `${bureauName}${monthText(run.month)}考核通报`, createdAt: input.generatedAt }, (pen) => {
    pen.title(`${bureauName}`, 16).title(`${monthText(run.month)}司法所工作考核通报`, 16);
    pen.fields([['状态', RUN_STATUS_LABELS[run.status]], ['评分批次', run.runId]]);
    pen.fields([['评分细则', versionText(run)], ['证据截止', `${shanghaiDateTime(run.asOf)}（北京时间）`]]);
    if (run.summary) {
      const s = run.summary;
      pen.fields([['平均分', points(s.average)], ['最高分', points(s.highest)], ['最低分', points(s.lowest)], ['迟报', `${s.late}项`], ['漏报', `${s.missing}项`]]);
    }
    pen.line(`分项：${sections.map((s) => `${s.id} ${s.name}`).join('；')}（分项得分为扣分后、折算前的得分）`, 'left', 10);
    pen.gap(6);
    const columns = [0, 0.08, 0.36, ...sections.map((_, i) => 0.47 + i * 0.11)];
    const header = ['名次', '司法所', '总分', ...sections.map((s) => s.id)];
    const drawHeader = () => pen.row(header.map((t, i) => [t, columns[i]!] as const));
    pen.keepTogether(40);
    drawHeader();
    for (const s of ranked) {
      // A new page repeats the table's header.
      const { page } = pen.doc;
      if (pen.doc.y + 24 > page.height - page.margins.bottom) {
        pen.doc.addPage();
        drawHeader();
      }
      const subtotal = (id: string) => {
        const sec = s.sections.find((x) => x.id === id);
        return sec ? points(sectionSubtotal(sec)) : '—';
      };
      const cells = [s.rank !== undefined ? String(s.rank) : '—', s.officeName, points(s.total), ...sections.map((sec) => subtotal(sec.id))];
      pen.row(cells.map((t, i) => [t, columns[i]!] as const));
    }
    pen.gap().keepTogether(60).title('迟报、漏报情况', 14);
    if (flags.length) for (const line of flags) pen.keepTogether(24).line(line);
    else pen.line('本月无迟报、漏报。');
    pen.gap().keepTogether(60).title('扣分与加分情况', 14);
    if (adjustments.length) {
      for (const { office, a } of adjustments) pen.keepTogether(24).line(`${office}：${adjustmentText(a)}。事由：${a.reason}（依据：${a.evidence}；录入：${a.byName}）`);
    } else pen.line('本月无扣分、加分。');
  });
};

export const noticeWorkbook = async (input: NoticeInput): Promise<Uint8Array> => {
  const { bureauName, run, scores } = input;
  const sections = sectionsOf(scores);
  const title = noticeTitle(bureauName, run.month);
  const note = `状态：${RUN_STATUS_LABELS[run.status]}　　评分批次：${run.runId}　　评分细则：${versionText(run)}　　生成时间：${shanghaiDateTime(input.generatedAt.toISOString())}（北京时间）`;
  const wb = await newWorkbook(input.generatedAt);
  const POINTS = { width: 10, numFmt: '0.00' } as const;
  addTableSheet(wb, {
    name: '考核得分',
    title,
    note,
    columns: [
      { label: '名次', width: 6, numFmt: '0' },
      { label: '司法所', width: 18 },
      { label: '总分', ...POINTS },
      { label: '分项得分（扣分后、折算前）', children: sections.map((s) => ({ label: `${s.id} ${s.name}`, ...POINTS, width: 14 })) },
      { label: '加分', ...POINTS },
    ],
    rows: rankedScores(scores).map((s) => [
      s.rank,
      s.officeName,
      s.total,
      ...sections.map((sec) => {
        const found = s.sections.find((x) => x.id === sec.id);
        return found ? sectionSubtotal(found) : undefined;
      }),
      s.bonus,
    ]),
    landscape: true,
  });
  addTableSheet(wb, {
    name: '迟报漏报',
    title: `${title}：迟报、漏报情况`,
    note,
    columns: [{ label: '司法所', width: 18 }, { label: '评分项', width: 8 }, { label: '评分项名称', width: 24 }, { label: '情况', width: 8 }],
    rows: [...scores]
      .sort((a, b) => a.officeId.localeCompare(b.officeId))
      .flatMap((s) => s.flags.map((f) => [s.officeName, f.item, f.name, LINE_STATE_LABELS[f.state]])),
  });
  addTableSheet(wb, {
    name: '扣分加分',
    title: `${title}：扣分与加分情况`,
    note,
    columns: [
      { label: '司法所', width: 18 },
      { label: '类别', width: 6 },
      { label: '评分项', width: 8 },
      { label: '分值', width: 8, numFmt: '0.0' },
      { label: '事由', width: 36 },
      { label: '依据', width: 30 },
      { label: '录入人', width: 12 },
    ],
    rows: adjustmentsOf(scores).map(({ office, a }) => [office, a.kind === 'bonus' ? '加分' : '扣分', a.item, a.points, a.reason, a.evidence, a.byName]),
  });
  return workbookBytes(wb);
};
