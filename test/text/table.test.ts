// The one text table: columns aligned by terminal column whatever the script, dropped by priority to fit, in order.
import {describe, expect, it} from 'vitest';
import {breachRecords, type Breach} from '../../source/commands/check.js';
import {formatRecords} from '../../source/export/output.js';
import {liveExport} from '../../source/levels/live.js';
import type {LiveRecord} from '../../source/metrics/live.js';
import {textWidth} from '../../source/text/columns.js';
import {textTable} from '../../source/text/table.js';
import {columnOf} from './cells.js';

type Named = {name: string; count: number; note: string};

const named: Named[] = [
	{name: 'Billing', count: 7, note: 'a'},
	{name: 'サポート窓口', count: 12, note: 'b'},
	{name: 'Support 🎧 Team', count: 3, note: 'c'},
];

const columns = [
	{header: 'Name', align: 'left' as const, text: (row: Named) => row.name},
	{header: 'Count', align: 'right' as const, priority: 2, text: (row: Named) => String(row.count)},
	{header: 'Note', align: 'left' as const, priority: 1, text: (row: Named) => row.note},
];

describe('textTable', () => {
	it('lines up every column by terminal width with wide characters and emoji in the names', () => {
		const lines = textTable(named, columns).trimEnd().split('\n');
		expect(lines).toHaveLength(5);
		const countEnd = columnOf(lines[0]!, 'Count') + 'Count'.length;
		const noteStart = columnOf(lines[0]!, 'Note');
		named.forEach((row, index) => {
			const line = lines[index + 2]!;
			expect(columnOf(line, ` ${row.count} `) + ` ${row.count}`.length, line).toBe(countEnd);
			expect(columnOf(line, `  ${row.note}`) + 2, line).toBe(noteStart);
		});
	});

	it('drops the lowest priority first to fit, keeps the declared order, and never cuts a kept column', () => {
		const full = textTable(named, columns).split('\n')[0]!;
		expect(full.split(/ {2,}/)).toEqual(['Name', 'Count', 'Note']);
		const narrow = textTable(named, columns, {width: textWidth(full) - 1}).split('\n');
		expect(narrow[0]!.split(/ {2,}/)).toEqual(['Name', 'Count']);
		expect(narrow[2]).toMatch(/^Billing\s+7$/);
		const narrowest = textTable(named, columns, {width: 10}).split('\n');
		expect(narrowest[0]).toBe('Name');
	});

	it('adds the total as the last line and measures it with the rest', () => {
		const lines = textTable(named, columns, {total: {name: 'Total of everything', count: 22, note: ''}})
			.trimEnd()
			.split('\n');
		expect(lines.at(-1)).toMatch(/^Total of everything\s+22$/);
		expect(lines[1]!.startsWith('─'.repeat(textWidth('Total of everything')))).toBe(true);
	});
});

describe('tables of gqx check and the live snapshot', () => {
	const breaches: Breach[] = [
		{
			queueId: 'q1',
			queueName: 'サポート',
			check: 'max-abandon',
			value: 0.125,
			threshold: 0.05,
			divisionId: 'd1',
			divisionName: 'Home',
			userId: null,
			userName: null,
		},
		{
			queueId: 'q2',
			queueName: 'Billing',
			check: 'max-wait',
			value: 252,
			threshold: 120,
			divisionId: null,
			divisionName: null,
			userId: null,
			userName: null,
		},
	];

	it('gqx check: the breach table aligns Japanese queue names (it padded by string length)', () => {
		const lines = formatRecords('table', breachRecords(2), breaches).trimEnd().split('\n');
		const checkColumn = columnOf(lines[0]!, 'Check');
		expect(columnOf(lines[2]!, 'abandon above')).toBe(checkColumn);
		expect(columnOf(lines[3]!, 'wait above')).toBe(checkColumn);
		expect(lines[2]).toMatch(/12\.5%\s+5\.0%$/);
		expect(formatRecords('table', breachRecords(40), [])).toBe('All 40 queues meet every threshold.\n');
		expect(formatRecords('csv', breachRecords(2), breaches).split('\n')[0]).toBe(
			'queueId,queueName,check,value,threshold,divisionId,divisionName,userId,userName',
		);
	});

	it('the live snapshot: media and numbers line up under wide names', () => {
		const record = (queueName: string, mediaType: string | null): LiveRecord => ({
			queueId: queueName,
			queueName,
			mediaType,
			waiting: 3,
			interacting: 4,
			longestWaitingMs: 61_000,
			onQueueAgents: mediaType ? null : 5,
			availableAgents: mediaType ? null : 1,
			observedAt: '2026-03-20T15:00:00.000Z',
		});
		const records = [record('サポート窓口', null), record('サポート窓口', 'voice'), record('Billing', null)];
		const spec = liveExport.spec({} as never);
		const lines = formatRecords('table', spec, records).trimEnd().split('\n');
		const media = columnOf(lines[0]!, 'Media');
		expect(columnOf(lines[3]!, 'voice')).toBe(media);
		expect(new Set(lines.slice(2).map(line => textWidth(line)))).toEqual(new Set([textWidth(lines[0]!)]));
	});

	it('a name with escape sequences and bidi overrides reaches the terminal cleaned and whole', () => {
		const hostile = '\u001B]52;c;QUFBQQ==\u0007=Billing\u202E';
		const lines = textTable([{name: hostile, count: 1, note: 'x'}], columns).split('\n');
		for (const control of ['\u001B', '\u0007', '\u202E']) expect(lines.join('\n')).not.toContain(control);
		expect(lines[2]).toMatch(/^\^\[\]52;c;QUFBQQ==\^G=Billing {2}/);
	});
});
