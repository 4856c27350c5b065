// The date step's errors name the fields as the dialog labels them (From, To), not the command line's flags, and
// wrap at spaces with no line starting with one.
import {render} from 'ink-testing-library';
import {DateTime} from 'luxon';
import {expect, it} from 'vitest';
import {DatePicker} from '../../source/ui/screens/date-picker.js';
import {openCustomRange, press, waitForText} from './ink.js';

it('says From and To in its errors, and wraps them without a leading space', async () => {
	const app = render(
		<DatePicker
			timeZone="UTC"
			now={() => DateTime.fromISO('2026-03-20T12:00:00Z')}
			onDone={() => {}}
			onCancel={() => {}}
		/>,
	);
	try {
		await openCustomRange(app);
		await press(app, '2026-13-01');
		const frame = await waitForText(app, 'is not a real calendar date');
		expect(frame).toContain('From 2026-13-01 is not a real calendar date');
		expect(frame).not.toContain('--from');
		for (const line of frame.split('\n')) expect(line).not.toMatch(/^│ {2}\S/);
	} finally {
		app.unmount();
	}
});
