// Queues named in any script, and the same name in two divisions, in the explorer against the
// emulator: every number column aligned at 80 and 160 columns, same-named queues told apart in the
// table and the breadcrumb, `/` matching divisions, and the Division column from the picker.
import {cleanup} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {Emulator} from '../../source/emulator/server.js';
import {metrics} from '../../source/metrics/catalog.js';
import {resolveRange} from '../../source/range/range.js';
import {textWidth} from '../../source/text/columns.js';
import {emulator, testNow} from '../helpers.js';
import {columnSlice, expectColumnsAligned} from '../text/cells.js';
import {renderExplorer} from './app-on-profile.js';
import {keys, press, type Rendered, ready, waitFor, waitForText} from './ink.js';

let emu: Emulator;
const range = resolveRange({from: '2026-03-02', to: '2026-03-08'}, 'UTC', DateTime.fromMillis(testNow));
// The queue levels' number columns (a conversation's Wait is not the live Waiting).
const numberHeaders = metrics
	.filter(metric => metric.kind !== 'text' && metric.onQueueLevels !== false)
	.map(metric => metric.header);

beforeAll(async () => {
	// The 25 plain queues of the demo org, then the six named in other scripts (the second Support among them).
	emu = await emulator({queues: 31, seed: 3});
});
afterAll(async () => emu.stop());
afterEach(cleanup);

function explorer(width: number, height: number): Rendered {
	return renderExplorer(emu, range, {width, height});
}

/** The label each queue of the emulator's org has in the table. */
function labels(): string[] {
	return emu.org.queues.map(queue => (queue.name === 'Support' ? `Support · ${queue.divisionName}` : queue.name));
}

describe('queue names in any script', () => {
	it('has the names the issue was found with in the demo org', () => {
		const names = emu.org.queues.map(queue => queue.name);
		for (const name of ['サポート窓口（東京）', '상담 센터 Cafe\u0301', '客户服务中心（上海）', 'Family Plans 👨‍👩‍👧'])
			expect(names).toContain(name);
		expect(emu.org.queues.filter(queue => queue.name === 'Support').map(queue => queue.divisionName)).toEqual([
			'Home',
			'EMEA',
		]);
	});

	for (const width of [80, 160]) {
		it(`draws every row at ${width} columns with each number under its header and nothing past the edge`, async () => {
			const rendered = explorer(width, 40);
			const frame = await waitForText(rendered, /Total\s+[!~]?[\d,]+/);
			const rows = expectColumnsAligned(frame, width, numberHeaders);
			// Every queue is on screen, its whole name in the name column.
			expect(rows).toHaveLength(emu.org.queues.length + 1);
			for (const label of labels()) {
				const row = rows.find(line => line.includes(label));
				expect(row, label).toBeDefined();
				expect(columnSlice(row!, 2, 2 + textWidth(label))).toBe(label);
			}
			if (width === 160) expect(frame).toMatch(/Queue\s+Offered▼\s+Answered\s+Abandoned/);
		});
	}

	it('tells the two Support queues apart in the table and the breadcrumb, and `/` matches divisions', async () => {
		const app = explorer(120, 40);
		const table = await waitForText(app, /Total\s+[!~]?[\d,]+/);
		await ready(app, /Total\s+[!~]?[\d,]+/);
		expect(table).toContain('Support · Home');
		expect(table).toContain('Support · EMEA');
		// Other names stay as they are.
		expect(table).not.toMatch(/Sales · /);

		// A division's name finds its queues, whatever their names.
		await press(app, '/');
		await waitForText(app, 'Type to filter');
		await press(app, ...'emea');
		const filtered = await waitFor(app, frame => frame.includes('servations (FR)'), 'EMEA queues');
		expect(filtered).toContain('Support · EMEA');
		expect(filtered).not.toContain('Support · Home');
		expect(filtered).not.toContain('サポート窓口');
		await press(app, keys.escape);
		await waitForText(app, 'Support · Home');

		// Drilled into, the breadcrumb says which Support.
		await press(app, '/');
		await waitForText(app, 'Type to filter');
		await press(app, ...'support · emea');
		await waitFor(app, frame => !frame.includes('Support · Home') && frame.includes('Support · EMEA'), 'one Support');
		await press(app, keys.enter);
		await waitForText(app, 'Enter drill in');
		await press(app, keys.enter);
		const media = await waitForText(app, /Media\s+Offered/);
		expect(media.split('\n')[0]).toMatch(/acme › 2026-03-02 → 2026-03-08 \(UTC\) › Support · EMEA$/);
	});

	it('offers a Division column in the picker, hidden until picked', async () => {
		const app = explorer(160, 40);
		const table = await waitForText(app, /Total\s+[!~]?[\d,]+/);
		await ready(app, /Total\s+[!~]?[\d,]+/);
		expect(table).not.toMatch(/Queue.*Division/);
		await press(app, 'v');
		await waitForText(app, 'Columns of the queue level');
		// Up from the first column wraps to the last hidden ones: the four callbacks, then the Division, not shown.
		await press(app, 'k', 'k', 'k', 'k', 'k');
		await waitForText(app, /› \[ \]\s+Division/);
		await press(app, ' ');
		// Shown, it goes last, past the room at this width (the order decides what fits): moved up to second.
		const shown = await waitForText(app, /› \[x\]\s+(\d+)\. Division/);
		const at = Number(/› \[x\]\s+(\d+)\. Division/.exec(shown)![1]);
		await press(app, ...Array.from({length: at - 2}, () => '['));
		await waitForText(app, /› \[x\]\s+2\. Division\s*│/);
		await press(app, keys.enter);
		const withDivision = await waitFor(app, frame => /Queue.*Division/.test(frame), 'the Division column');
		const support = withDivision.split('\n').filter(line => /Support · /.test(line));
		expect(support).toHaveLength(2);
		for (const line of support) expect(line).toMatch(/Support · (\S+)\s.*\s\1\b/);
		expectColumnsAligned(withDivision, 160, numberHeaders);
	});
});
