// Validating a rubric an admin writes (rubricProblems): the default rubric has no problem, and each
// problem is reported at its field's path, in Chinese, so the form can mark the field.
import {
  DEFAULT_BONUS,
  DEFAULT_ITEMS,
  DEFAULT_SECTIONS,
  rubricInput,
  rubricProblems,
  type RubricInput,
  type RubricItem,
} from '@sifasuo/domain';

type Written = Omit<RubricInput, 'version' | 'note'>;
const clone = <T>(x: T): T => structuredClone(x);
const written = (change: (r: Written) => void = () => {}): Written => {
  const r: Written = clone({ sections: DEFAULT_SECTIONS, items: DEFAULT_ITEMS, bonus: DEFAULT_BONUS });
  change(r);
  return r;
};
const item = (r: Written, id: string): RubricItem => r.items.find((i) => i.id === id)!;
const index = (id: string) => DEFAULT_ITEMS.findIndex((i) => i.id === id);

describe('rubricProblems', () => {
  it('the default rubric (DOMAIN §5) has none, and parses as an admin would write it', () => {
    expect(rubricProblems(written())).toEqual({});
    expect(DEFAULT_ITEMS.reduce((s, i) => s + i.points, 0)).toBe(100);
    expect(rubricInput.safeParse({ version: 0, note: '沿用默认', ...written() }).success).toBe(true);
  });

  it("the items' points must sum to exactly 100", () => {
    expect(rubricProblems(written((r) => { item(r, 'A1').points = 9; }))).toEqual({ items: '各评分项分值合计应为100分，现为 101 分' });
    expect(rubricProblems(written((r) => { r.items = r.items.filter((i) => i.id !== 'E2'); }))).toEqual({ items: '各评分项分值合计应为100分，现为 96 分' });
    // Half points that add up to 100 are fine (no binary noise).
    expect(rubricProblems(written((r) => { item(r, 'A4').points = 3.7; item(r, 'A5').points = 4.3; }))).toEqual({});
  });

  it('item ids must be unique', () => {
    const problems = rubricProblems(written((r) => { item(r, 'A5').id = 'A4'; }));
    expect(problems).toEqual({ [`items.${index('A5')}.id`]: '评分项编号 A4 重复' });
  });

  it('sections must be unique, own departments that exist, and every item must name a declared section', () => {
    expect(rubricProblems(written((r) => { r.sections[1] = { ...r.sections[1]!, id: 'A' }; }))).toMatchObject({
      'sections.1.id': '大项 A 重复',
      [`items.${index('B1')}.section`]: '所属大项 B 未声明',
    });
    expect(rubricProblems(written((r) => { r.sections[2]!.departments = ['corrections', 'police']; }))).toEqual({ 'sections.2.departments': '未知的股室：police' });
  });

  it('a deadline is due no later than its late day, and its late points are at most its points', () => {
    expect(rubricProblems(written((r) => { item(r, 'A3').rule = { type: 'deadline', kind: 'registers.feedback.submitted', dueDay: 12, lateDay: 10, latePoints: 5 }; }))).toEqual({
      [`items.${index('A3')}.rule.lateDay`]: '迟报截止日不能早于按时截止日',
      [`items.${index('A3')}.rule.latePoints`]: '迟报得分不能超过该项分值（4分）',
    });
  });

  it('bands score at most the item and run from the highest share down', () => {
    const bands = (b: Array<{ atLeast: number; points: number }>) =>
      rubricProblems(written((r) => { item(r, 'B4').rule = { ...(item(r, 'B4').rule as Extract<RubricItem['rule'], { type: 'rate' }>), bands: b }; }));
    expect(bands([{ atLeast: 0.95, points: 5 }, { atLeast: 0.85, points: 2 }])).toEqual({ [`items.${index('B4')}.rule.bands.0.points`]: '档次得分不能超过该项分值（4分）' });
    expect(bands([{ atLeast: 0.85, points: 2 }, { atLeast: 0.95, points: 4 }])).toEqual({ [`items.${index('B4')}.rule.bands.1.atLeast`]: '各档比例应从高到低排列' });
  });

  it('bonus presets have unique ids', () => {
    expect(rubricProblems(written((r) => { r.bonus.presets[1] = { ...r.bonus.presets[1]!, id: r.bonus.presets[0]!.id }; }))).toEqual({ 'bonus.presets.1.id': '加分事由编号 innovation-city 重复' });
  });
});
