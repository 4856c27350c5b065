// The frame compositor against Ink's own Output.get: random frames must look the same on screen,
// or be left to Ink. Every frame of the UI tests is checked the same way (test/setup.ts).
import {stripVTControlCharacters} from 'node:util';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {textWidth} from '../../source/text/columns.js';
import {composeFrame, inkInternals, type InkInternals, sameScreen, simpleWidth} from '../../source/ui/fast-output.js';

const internals = (await inkInternals()) as InkInternals;

type Op =
	| {kind: 'write'; x: number; y: number; text: string; transform: number}
	| {kind: 'clip'; x1?: number; x2?: number; y1?: number; y2?: number}
	| {kind: 'unclip'};

const transformers = [
	[],
	[(line: string) => `\u001B[1m${line}\u001B[22m`],
	[(line: string, index: number) => `${index}${line.toUpperCase()}`],
];

// Plain characters, ones measured as Ink measures them (wide, combining, emoji, zero-width), ones
// left to Ink (tab, other controls), and SGR codes that open, close, reset or are unknown, so some
// lines end with a style still open.
const piece = fc.oneof(
	{weight: 6, arbitrary: fc.constantFrom('a', 'b', ' ', 'Z', '9', 'é', '─', '▇', '…', '›', 'ß', 'Ж')},
	{
		weight: 2,
		arbitrary: fc.constantFrom(
			'中',
			'e\u0301',
			'😀',
			'\t',
			'\u00AD',
			'\u200B',
			'（',
			'한',
			'👨‍👩‍👧',
			'🇯🇵',
			'\u0301',
			'\u0085',
		),
	},
	{
		weight: 3,
		arbitrary: fc.constantFrom(
			'\u001B[1m',
			'\u001B[22m',
			'\u001B[2m',
			'\u001B[7m',
			'\u001B[27m',
			'\u001B[32m',
			'\u001B[39m',
			'\u001B[38;5;208m',
			'\u001B[48;2;1;2;3m',
			'\u001B[49m',
			'\u001B[0m',
			'\u001B[m',
			'\u001B[4m',
			'\u001B[24m',
			'\u001B[1;32m',
			'\u001B[22;39m',
			'\u001B[6m',
		),
	},
);
const line = fc.array(piece, {maxLength: 12}).map(parts => parts.join(''));
const op: fc.Arbitrary<Op> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.record({
			kind: fc.constant('write' as const),
			x: fc.integer({min: -3, max: 30}),
			y: fc.integer({min: -2, max: 8}),
			text: fc.array(line, {minLength: 1, maxLength: 3}).map(lines => lines.join('\n')),
			transform: fc.integer({min: 0, max: 2}),
		}),
	},
	{
		weight: 1,
		arbitrary: fc.record(
			{
				kind: fc.constant('clip' as const),
				x1: fc.integer({min: 0, max: 10}),
				x2: fc.integer({min: 5, max: 30}),
				y1: fc.integer({min: 0, max: 3}),
				y2: fc.integer({min: 2, max: 8}),
			},
			{requiredKeys: ['kind']},
		),
	},
	{weight: 1, arbitrary: fc.constant({kind: 'unclip' as const})},
);

function frameOf(width: number, height: number, ops: Op[]) {
	const output = new internals.Output({width, height});
	for (const each of ops) {
		if (each.kind === 'write') output.write(each.x, each.y, each.text, {transformers: transformers[each.transform]!});
		else if (each.kind === 'clip') output.clip(each);
		else output.unclip();
	}
	return output;
}

describe('frame compositor', () => {
	it('draws random frames as Ink does, or leaves them to Ink (3,000 frames)', () => {
		let drawn = 0;
		let left = 0;
		let drawnWide = 0;
		fc.assert(
			fc.property(
				fc.integer({min: 1, max: 30}),
				fc.integer({min: 1, max: 7}),
				fc.array(op, {maxLength: 10}),
				(width, height, ops) => {
					const output = frameOf(width, height, ops);
					const fast = composeFrame(output, internals.sliceAnsi);
					if (fast === undefined) {
						left++;
						return;
					}
					drawn++;
					if (/中|（|한|\u0301|\u200B|\u00AD|\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(fast.output))
						drawnWide++;
					const ink = internals.inkGet.call(output);
					expect(fast.height).toBe(ink.height);
					expect(
						sameScreen(internals.tokenizer, ink.output, fast.output),
						`ink:\n${ink.output}\nfast:\n${fast.output}`,
					).toBe(true);
				},
			),
			{numRuns: 3000, seed: 42},
		);
		// Both paths are really taken, and frames with wide characters are drawn here.
		expect(drawn).toBeGreaterThan(600);
		expect(left).toBeGreaterThan(300);
		expect(drawnWide).toBeGreaterThan(40);
	});

	it('draws a table row of styled cells, and leaves overlaps, controls and open styles to Ink', () => {
		const row = frameOf(40, 2, [
			{kind: 'write', x: 0, y: 0, text: '\u001B[1mQueue\u001B[22m', transform: 0},
			{kind: 'write', x: 30, y: 0, text: '\u001B[32m98.5%\u001B[39m', transform: 0},
			{kind: 'write', x: 10, y: 1, text: '▁▂▃█ …', transform: 0},
		]);
		expect(composeFrame(row, internals.sliceAnsi)?.output).toBe(
			'\u001B[1mQueue\u001B[22m                         \u001B[32m98.5%\u001B[39m\n          ▁▂▃█ …',
		);
		const overlap = frameOf(20, 1, [
			{kind: 'write', x: 0, y: 0, text: 'abcdef', transform: 0},
			{kind: 'write', x: 3, y: 0, text: 'XY', transform: 0},
		]);
		expect(composeFrame(overlap, internals.sliceAnsi)).toBeUndefined();
		expect(simpleWidth('中')).toBe(2);
		expect(simpleWidth('e\u0301')).toBe(1);
		expect(simpleWidth('a\tb')).toBeUndefined();
		expect(simpleWidth('\u001B[1mopen')).toBeUndefined();
		expect(simpleWidth('\u001B]8;;https://x\u0007link\u001B]8;;\u0007')).toBeUndefined();
		expect(simpleWidth('\u001B[38;5;208mé…\u001B[0m')).toBe(2);
	});

	it('draws rows of queues named in any script as Ink does, numbers in their columns', () => {
		const names = [
			'サポート窓口（東京）',
			'상담 센터 Cafe\u0301',
			'客户服务中心（上海）',
			'Family Plans 👨‍👩‍👧',
			'Re\u0301servations (FR)',
		];
		const output = frameOf(
			60,
			names.length,
			names.flatMap((name, y) => [
				{kind: 'write' as const, x: 0, y, text: `\u001B[7m› ${name}\u001B[27m`, transform: 0},
				{kind: 'write' as const, x: 30, y, text: '\u001B[32m98.5%\u001B[39m', transform: 0},
			]),
		);
		const fast = composeFrame(output, internals.sliceAnsi);
		expect(fast).toBeDefined();
		expect(sameScreen(internals.tokenizer, internals.inkGet.call(output).output, fast!.output)).toBe(true);
		// Each number starts at column 30 of its row, whatever the name before it.
		for (const row of fast!.output.split('\n')) {
			const plain = stripVTControlCharacters(row);
			expect(textWidth(plain.slice(0, plain.indexOf('98.5%'))), plain).toBe(30);
		}
	});

	it('tells frames that look different apart', () => {
		const {tokenizer} = internals;
		expect(sameScreen(tokenizer, '\u001B[1ma\u001B[22m  ', '\u001B[1ma\u001B[22m')).toBe(true);
		expect(sameScreen(tokenizer, '\u001B[1mab\u001B[22m', '\u001B[1ma\u001B[22mb')).toBe(false);
		expect(sameScreen(tokenizer, 'a\nb', 'a\nc')).toBe(false);
		expect(sameScreen(tokenizer, 'a', 'a\n')).toBe(false);
	});
});
