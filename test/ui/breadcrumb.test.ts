// The breadcrumb at narrow widths: long names lose their middle, the dates and the media stay whole.
import {expect, it} from 'vitest';
import {fitCrumbs} from '../../source/ui/components/breadcrumb.js';

const dates = '2026-11-22 → 2026-11-28 (Europe/Berlin)';

it('shortens the longest names in the middle and keeps the dates and the media whole', () => {
	const parts = [
		'acme (https://gateway.example.com/genesys)',
		dates,
		'Billing - Overflow Escalations (IT)',
		'callback',
	];
	const fitted = fitCrumbs(parts, 80);
	expect(fitted.join(' › ').length).toBeLessThanOrEqual(80);
	expect(fitted[1]).toBe(dates);
	expect(fitted[3]).toBe('callback');
	expect(fitted[2]).toMatch(/^Billing.*….*\(IT\)$/);
	expect(fitCrumbs(['demo', dates, 'Sales', 'voice'], 80)).toEqual(['demo', dates, 'Sales', 'voice']);
});
