// The date menu says what each preset stands for (issue #29, item 5): the days beside it, "to now, live" where the
// range runs into today, and Today offered once (the old "Live (today)" was the same range).
import {render} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {expect, it} from 'vitest';
import {DatePicker} from '../../source/ui/screens/date-picker.js';
import {until} from '../wait.js';
import {keys, press, ready, waitFor, waitForText} from './ink.js';

it('shows the days each preset resolves to, and offers today once', async () => {
	const app = render(
		<DatePicker
			timeZone="UTC"
			now={() => DateTime.fromISO('2026-03-20T12:00:00Z')}
			onDone={() => {}}
			onCancel={() => {}}
		/>,
	);
	try {
		const menu = await waitForText(app, '❯ Last 7 days');
		expect(menu).toMatch(/Today\s+20 Mar 2026 \(to now, live\)/);
		expect(menu).toMatch(/Yesterday\s+19 Mar 2026\s/);
		expect(menu).toMatch(/❯ Last 7 days\s+14–20 Mar 2026 \(to now, live\)/);
		expect(menu).toMatch(/Last week\s+9–15 Mar 2026\s/);
		expect(menu).toMatch(/Last month\s+1–28 Feb 2026\s/);
		expect(menu).not.toContain('Live (today)');
		expect(menu.match(/Today/g)).toHaveLength(1);
	} finally {
		app.unmount();
	}
});

it('finds time zones by a common abbreviation or name, and by a UTC offset', async () => {
	let picked = '';
	const app = render(
		<DatePicker
			timeZone="UTC"
			now={() => DateTime.fromISO('2026-01-20T12:00:00Z')}
			onDone={range => {
				picked = range.timeZone;
			}}
			onCancel={() => {}}
		/>,
	);
	try {
		await ready(app, '❯ Last 7 days');
		// Up from the top wraps to the last entry, the time zone.
		for (let step = 0; step < 12 && !/❯ Time zone/.test(app.lastFrame() ?? ''); step++) await press(app, keys.up);
		await press(app, keys.enter);
		await waitForText(app, 'type to narrow');
		const first = (frame: string) => /› (\S+)/.exec(frame)?.[1];
		for (const [query, zone] of [
			['EST', 'America/New_York'],
			['eastern', 'America/New_York'],
			['CET', 'Europe/Berlin'],
		] as const) {
			await press(app, query);
			await waitFor(app, frame => first(frame) === zone, `${zone} first for ${query}`);
			await press(app, ...Array.from(query, () => keys.backspace));
			await waitFor(app, frame => !frame.includes(`> ${query}`), 'the query cleared');
		}
		// An offset: the zones at +05:30 in January (India, Sri Lanka), picked with Enter.
		await press(app, '+05:30');
		const india = await waitFor(app, frame => /› Asia\/(Kolkata|Calcutta)/.test(frame), 'India at +05:30');
		expect(india).toContain('Asia/Colombo');
		await press(app, keys.enter);
		await waitForText(app, /Time zone: Asia\/(Kolkata|Calcutta)/);
		await press(app, keys.down, keys.enter);
		await until(
			() => picked,
			zone => zone !== '',
			'a range picked',
		);
		expect(picked).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
	} finally {
		app.unmount();
	}
});
