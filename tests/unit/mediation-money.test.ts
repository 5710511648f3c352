// The portal reads an amount typed in 元 as integer 分 from the decimal string: never through a float.
import fc from 'fast-check';
import { MAX_AMOUNT_FEN, yuanText } from '@sifasuo/domain';
import { fenFromYuan } from '../../web/src/mediation/money';

describe('fenFromYuan', () => {
  it.each([
    ['12,345.67', 1234567],
    ['12345.67', 1234567],
    ['0', 0],
    ['0.1', 10],
    ['1.05', 105],
    ['1,000', 100000],
    [' 8.10 ', 810],
    ['１', undefined],
    ['1.234', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    ['', undefined],
    ['.5', undefined],
    ['100000000000', undefined],
  ])('%s → %s', (typed, fen) => {
    expect(fenFromYuan(typed)).toBe(fen);
  });

  it('reads back every amount the documents write (yuanText), exactly', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_FEN }), (fen) => fenFromYuan(yuanText(fen)) === fen));
  });
});
