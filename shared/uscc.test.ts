import { describe, expect, it } from 'vitest';
import { isValidUscc, makeUscc, normalizeUscc, usccCheckChar, usccProblem, USCC_ALPHABET } from './uscc.ts';

/** Codes of real companies as published on their business licences (national enterprise credit system). */
const REAL = {
  华为技术有限公司: '914403001922038216',
  '腾讯科技（深圳）有限公司': '9144030071526726XG',
  '阿里巴巴（中国）有限公司': '91330100716105852F',
  小米科技有限责任公司: '91110108551385082Q',
  '百度在线网络技术（北京）有限公司': '91110000802100433B',
  中国石油天然气集团有限公司: '91110000100010433L',
};

describe('GB 32100-2015 unified social credit codes', () => {
  it('accepts real codes', () => {
    for (const [name, code] of Object.entries(REAL)) expect(usccProblem(code), name).toBeNull();
  });

  it('computes the check character with the standard weights (31 → 0)', () => {
    for (const code of Object.values(REAL)) expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    // a body whose weighted sum is a multiple of 31 gets the check character 0
    expect(usccCheckChar('00000000000000000')).toBe('0');
    expect(usccCheckChar('0000000000000000I')).toBeNull();
  });

  it('refuses a changed character, a wrong length and letters outside the alphabet', () => {
    const code = REAL.华为技术有限公司;
    for (let i = 0; i < 18; i++) {
      const c = code[i] === '0' ? '1' : '0';
      const changed = code.slice(0, i) + c + code.slice(i + 1);
      expect(isValidUscc(changed), `position ${i}`).toBe(false);
    }
    expect(usccProblem(code.slice(0, 17))).toBe('length');
    expect(usccProblem(`${code}0`)).toBe('length');
    for (const bad of ['I', 'O', 'Z', 'S', 'V']) {
      expect(USCC_ALPHABET.includes(bad)).toBe(false);
      expect(usccProblem(`91${'4403001922038'}${bad}16`.padEnd(18, '0'))).toBe('charset');
    }
    // positions 3-8 are the administrative division: digits only
    expect(usccProblem('91A403001922038216')).toBe('charset');
    // a swap of two neighbours is caught
    expect(isValidUscc('914430001922038216')).toBe(false);
  });

  it('normalises pasted input', () => {
    expect(normalizeUscc(' 9144 0300 1922 0382 16\u3000')).toBe('914403001922038216');
    expect(normalizeUscc('9144030071526726xg')).toBe('9144030071526726XG');
  });

  it('makeUscc gives valid, deterministic, distinct codes in the given region', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 20000; i++) {
      const c = makeUscc(i, '120116');
      expect(isValidUscc(c)).toBe(true);
      expect(c.slice(2, 8)).toBe('120116');
      codes.add(c);
    }
    expect(codes.size).toBe(20000);
    expect(makeUscc(7)).toBe(makeUscc(7));
    expect(makeUscc('seed')).toBe(makeUscc('seed'));
    expect(isValidUscc(makeUscc('任意种子', '440300'))).toBe(true);
    expect(() => makeUscc(1, '12')).toThrow();
  });
});
