// The date step refuses a custom range longer than 5 years and says how to get it anyway (gqx export --yes).
import {render} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {expect, it} from 'vitest';
import {DatePicker} from '../../source/ui/screens/date-picker.js';
import {keys, openCustomRange, press, waitForText} from './ink.js';

it('says a range longer than 5 years is refused, and keeps the step open', async () => {
	let done = false;
	const app = render(
		<DatePicker
			timeZone="UTC"
			now={() => DateTime.fromISO('2026-03-20T12:00:00Z')}
			onDone={() => (done = true)}
			onCancel={() => {}}
		/>,
	);
	try {
		await openCustomRange(app);
		await press(app, '2001-01-01', keys.enter);
		await waitForText(app, 'To, included (YYYY-MM-DD):');
		await press(app, '2026-03-08', keys.enter);
		// Read as words: without the box's borders and styles, lines joined.
		const frame = (await waitForText(app, 'years long'))
			// eslint-disable-next-line no-control-regex
			.replaceAll(/\u001B\[\d+m|[│╭╮╰╯─]/g, '')
			.replaceAll(/\s+/g, ' ');
		expect(frame).toContain('The range 2001-01-01 → 2026-03-08 is 25 years long');
		expect(frame).toContain('export it with gqx export --yes');
		expect(done).toBe(false);
	} finally {
		app.unmount();
	}
});
