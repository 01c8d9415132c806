import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV', () => {
	it('guards cells a spreadsheet would run as formulas', () => {
		expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
		expect(csvCell('+1 555')).toBe("'+1 555");
		expect(csvCell('-2')).toBe("'-2");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\tcmd')).toBe("'\tcmd");
	});

	it('quotes commas, quotes, line breaks and edge spaces (RFC 4180)', () => {
		expect(csvCell('Main St, Three Rivers')).toBe('"Main St, Three Rivers"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell(' padded ')).toBe('" padded "');
		expect(csvCell('plain')).toBe('plain');
	});

	it('writes numbers as numbers, even negative ones, and blanks for nothing', () => {
		expect(csvCell(-3.5)).toBe('-3.5');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
		expect(csvCell(Number.NaN)).toBe('');
		expect(csvCell(true)).toBe('true');
	});

	it('joins a header and rows with CRLF', () => {
		expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
	});
});
