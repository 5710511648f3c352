import { writeFileSync } from 'node:fs';
import { agreementPdf } from '../functions/src/mediation/documents/agreement';
const c: any = {
  id: 'c1', caseNo: '（2026）人调字第0101-0012号', officeId: '0101', areaId: '01', receivedOn: '2026-03-02', source: 'application', disputeType: 'neighbour',
  summary: '申请人与被申请人系相邻住户。2026年2月，被申请人在自家院内扩建厨房，占用双方之间约1.2米宽的公共通道，致使申请人出行不便，双方多次协商未果，引发纠纷。\n申请人请求被申请人拆除占道部分并赔偿损失。',
  parties: [
    { name: '张建国', role: 'applicant', idNumber: '110101199003071234', phone: '13800138000', address: '青山县城关镇人民路 18 号' },
    { name: '李秀英', role: 'respondent', idNumber: '11010119850612002X', phone: '13900139000', address: '青山县城关镇人民路 20 号' },
  ],
  mediators: ['王德明', '赵丽'], status: 'closed', records: [],
  closure: { result: 'agreement', closedOn: '2026-03-15', closedAt: '2026-03-15T02:00:00.000Z', by: 'u', agreement: { form: 'written', terms: '一、被申请人于2026年4月30日前拆除占用公共通道的扩建部分，恢复通道原宽度。\n二、被申请人一次性赔偿申请人误工费、交通费共计人民币3,500.00元，于2026年3月31日前当面付清。\n三、双方今后互谅互让，和睦相处，不再因此事发生纠纷。', amountFen: 350000, performBy: '2026-04-30' } },
  createdAt: '', createdBy: '', updatedAt: '', version: 3,
};
const office: any = { id: '0101', name: '城关镇司法所', township: '城关镇', areaId: '01', officeClass: 'central' };
const t0 = Date.now();
const bytes = await agreementPdf({ case: c, office, bureauName: '青山县司法局', disputeTypeLabel: '邻里纠纷', sourceLabel: '当事人申请' });
const t1 = Date.now();
for (let i = 0; i < 5; i++) { const t = Date.now(); await agreementPdf({ case: c, office, bureauName: "青山县司法局", disputeTypeLabel: "邻里纠纷", sourceLabel: "当事人申请" }); console.log("again", Date.now() - t); }
console.log('first', t1 - t0, 'ms; second', Date.now() - t1, 'ms; size', bytes.length);
writeFileSync('/tmp/wtb/a.pdf', bytes);
