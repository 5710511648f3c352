// 人民调解协议书 as the official form (人民调解法 第二十八、二十九、三十三条): the parties' basic
// information, the dispute's main facts, the terms with the amount and the performance deadline and
// method, the 30-day judicial-confirmation notice, signature lines for every party and the mediators,
// the committee's seal and date; one copy per party and one for the committee. An oral agreement is
// the committee's record of it (人民调解口头协议登记表).
import { conflict, PARTY_ROLE_LABELS, yuanText, type MediationCase, type Office } from '@sifasuo/domain';
import { renderPdf, type PdfWriter } from '../../shared/pdf';

export interface AgreementDocumentInput {
  /** With the parties' ID numbers in full (the caller audits the download). */
  case: MediationCase;
  office: Office;
  bureauName: string;
  disputeTypeLabel: string;
  sourceLabel: string;
}

/** 2026-04-30 → 2026年4月30日. */
export const chineseDate = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

const CHINESE_DIGITS = '零一二三四五六七八九';
/** Counts as printed forms write them: 3 → 三, 12 → 十二, 25 → 二十五 (below a hundred). */
export const chineseCount = (n: number) => {
  if (n < 10) return CHINESE_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? CHINESE_DIGITS[tens] : ''}十${n % 10 ? CHINESE_DIGITS[n % 10] : ''}`;
};

export const committeeName = (office: Office) => `${office.township}人民调解委员会`;

const SIGNATURE_LINE = '＿＿＿＿＿＿＿＿＿＿＿';
const DATE_BLANK = '　　　　年　　月　　日';

/** A signature row: who, the line to sign on, the date to fill in. */
const signRow = (who: string) => [[who, 0], [SIGNATURE_LINE, 0.3], [DATE_BLANK, 0.62]] as const;

const signatures = (pen: PdfWriter, input: AgreementDocumentInput, closedOn: string) => {
  const { case: c } = input;
  const blocks: [heading: string, who: string[]][] = [
    ['各方当事人（签名、盖章或按指印）：', c.parties.map((p) => `${PARTY_ROLE_LABELS[p.role]}　${p.name}`)],
    ['人民调解员（签名）：', c.mediators?.length ? c.mediators : ['']],
  ];
  const rows = blocks.reduce((n, [, who]) => n + 1 + who.length, 0);
  pen.keepTogether(rows * 36 + 90);
  for (const [heading, who] of blocks) {
    pen.line(heading).gap(8);
    for (const w of who) pen.row(signRow(w)).gap(14);
  }
  pen.gap(18).line(`${committeeName(input.office)}（印章）`, 'right').gap(4).line(chineseDate(closedOn), 'right');
};

export const agreementPdf = async (input: AgreementDocumentInput): Promise<Uint8Array> => {
  const { case: c, office } = input;
  const closure = c.closure;
  const agreement = closure?.result === 'agreement' ? closure.agreement : undefined;
  if (!closure || !agreement) throw conflict('该案件未达成调解协议，没有调解协议书');
  const oral = agreement.form === 'oral';
  const title = oral ? '人民调解口头协议登记表' : '人民调解协议书';
  const copies = c.parties.length + 1;

  return renderPdf({ title: `${title} ${c.caseNo}`, footer: `${input.bureauName}　${office.name}`, createdAt: new Date(closure.closedAt) }, (pen) => {
    pen.title(title).line(`编号：${c.caseNo}`, 'right').line(`调解组织：${committeeName(office)}（${office.name}）`).gap(6);
    pen.fields([['纠纷类型', input.disputeTypeLabel], ['案件来源', input.sourceLabel], ['受理日期', chineseDate(c.receivedOn)]]).gap(6);

    pen.line('当事人基本情况：');
    for (const p of c.parties) {
      const details = [p.idNumber && `身份证号：${p.idNumber}`, p.phone && `联系电话：${p.phone}`, p.address && `住址：${p.address}`].filter(Boolean);
      pen.line(`${PARTY_ROLE_LABELS[p.role]}：${p.name}${details.length ? `，${details.join('，')}` : ''}`);
    }
    pen.gap(6).line('纠纷的主要事实、争议事项：').paragraphs(c.summary).gap(6);

    pen.line(oral ? '经本委员会调解，各方当事人自愿达成如下口头协议（由人民调解员记录）：' : '经本委员会调解，各方当事人自愿达成如下协议：');
    pen.paragraphs(agreement.terms).gap(6);
    pen.fields([['协议涉及金额', `人民币 ${yuanText(agreement.amountFen)} 元`]]);
    pen.fields([['履行期限', `${chineseDate(agreement.performBy)}前`]]);
    pen.fields([['履行方式', '按本协议约定的方式履行，人民调解委员会对履行情况进行监督']]).gap(6);

    pen.paragraphs(
      [
        `本协议自各方当事人签名、盖章或按指印，人民调解员签名并加盖人民调解委员会印章之日起生效，具有法律约束力，当事人应当按照约定履行。`,
        `各方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。`,
        `本协议一式${chineseCount(copies)}份，当事人各执一份，人民调解委员会留存一份。`,
      ].join('\n'),
    ).gap(14);
    signatures(pen, input, closure.closedOn);
  });
};
