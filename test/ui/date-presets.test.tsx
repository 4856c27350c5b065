// The date menu says what each preset stands for (issue #29, item 5): the days beside it, "to now, live" where the
// range runs into today, and Today offered once (the old "Live (today)" was the same range).
import {render} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {expect, it} from 'vitest';
import {DatePicker} from '../../source/ui/screens/date-picker.js';
import {waitForText} from './ink.js';

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
