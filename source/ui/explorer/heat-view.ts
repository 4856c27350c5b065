// The heat map's view model: each weekday-hour's shade, the scale, the peak and the clock changes, as text
// that reads the same with and without colour.
import {DateTime} from 'luxon';
import {formatMetric, type Metric, type MetricField, metricFor} from '../../metrics/catalog.js';
import {formatCount} from '../../metrics/format.js';
import {
	cellValue,
	extremeCell,
	formatPerDay,
	gridValues,
	heatFieldsOf,
	type HourGrid,
	hourRow,
} from '../../metrics/hour-grid.js';
import {mergeBags} from '../../genesys/stats.js';
import {cellAt, cellIndex, cellLabel, hoursPerDay, weekdayNames} from '../../range/weekday-hours.js';

/** Shades from light to dark, two characters an hour; 0 is "none" (a count of zero). */
export const shades = [' ·', '░░', '▒▒', '▓▓', '██'] as const;
/** No such hour in the range, or nothing (or too little) to take a rate or time of. */
export const blank = '  ';

/**
 * A weekday-hour with fewer offered than this over the whole range has no rate or time on the map: 1 abandon of 2
 * calls is 50 %, which would stretch the scale until 0 % and 24 % share a shade, and name a "peak" of nothing.
 */
export const minimumOffered = 10;

export type HeatCell = {text: string; level: number | null};
export type HeatRow = {label: string; cells: HeatCell[]; summary: string};

export type HeatView = {
	/** "Offered a day", "Service level %". */
	title: string;
	rows: HeatRow[];
	/** The scale: the shades and the values they stand for. */
	legend: string;
	/** The busiest (or best and worst) hour, named. */
	peak: string | undefined;
	/** Daylight-saving changes in the range and what the grid does with them. */
	clock: string | undefined;
};

function format(metric: Metric, value: number): string {
	if (metric.kind === 'count') return formatPerDay(value);
	const row = {...hourRow({}), [metric.field]: value};
	return formatMetric(metric, row);
}

function phrase(metric: Metric, value: number): string {
	return metric.kind === 'count'
		? `${format(metric, value)} ${metric.title.toLowerCase()} a day`
		: format(metric, value);
}

/** The heat map of one metric: counts shaded from 0 to the busiest hour, rates and times from the lowest to the highest. */
export function heatView(grid: HourGrid, asked: MetricField): HeatView {
	// A metric of another grid (the queues' Offered on a flow's map) is the grid's first.
	const field = heatFieldsOf(grid).includes(asked) ? asked : heatFieldsOf(grid)[0]!;
	const metric = metricFor(field);
	const counts = metric.kind === 'count';
	// The count a rate or time is taken of: offered for queues, entered for a flow.
	const base = grid.base ?? 'offered';
	const baseWord = metricFor(base).title.toLowerCase();
	const offered = gridValues(grid, base).map((perDay, index) => (perDay ?? 0) * (grid.days[index] ?? 0));
	const tooFew = (index: number) => !counts && Math.round(offered[index] ?? 0) < minimumOffered;
	const values = gridValues(grid, field).map((value, index) => (tooFew(index) ? null : value));
	const present = values.filter((value): value is number => value !== null);
	const high = present.length > 0 ? Math.max(...present) : 0;
	const low = counts ? 0 : present.length > 0 ? Math.min(...present) : 0;
	const span = high - low;
	const levelOf = (value: number | null): number | null => {
		if (value === null) return null;
		if (counts && value === 0) return 0;
		if (span <= 0) return 4;
		return Math.min(4, Math.max(1, Math.ceil(((value - low) / span) * 4)));
	};
	const rows: HeatRow[] = weekdayNames.map((label, day) => {
		const weekday = day + 1;
		const cells: HeatCell[] = [];
		for (let hour = 0; hour < hoursPerDay; hour++) {
			const level = levelOf(values[cellIndex(weekday, hour)] ?? null);
			cells.push({text: level === null ? blank : shades[level]!, level});
		}
		// The whole weekday: its merged statistics, counts over the number of such days in the range.
		const indexes = Array.from({length: hoursPerDay}, (_, hour) => cellIndex(weekday, hour));
		const days = Math.max(0, ...indexes.map(index => grid.days[index] ?? 0));
		const value = cellValue(metric, mergeBags(indexes.map(index => grid.cells[index]!)), days);
		return {label, cells, summary: value === null ? '' : format(metric, value)};
	});
	const steps = [1, 2, 3, 4].map(level => `${shades[level]} ≤${format(metric, low + (span * level) / 4)}`).join('  ');
	const legend = counts
		? `${shades[0]!.trim()} 0  ${steps} a day   blank: no such hour`
		: `from ${format(metric, low)}: ${steps}   blank: no data, or under ${minimumOffered} ${baseWord}`;
	// A rate or time with the count behind it: "24.0% (25 offered)".
	const named = (index: number) =>
		`${cellLabel(cellAt(index))}, ${phrase(metric, values[index]!)}${counts ? '' : ` (${formatCount(Math.round(offered[index] ?? 0))} ${baseWord})`}`;
	let peak: string | undefined;
	const top = extremeCell(values, true);
	if (top !== undefined && (!counts || high > 0)) {
		peak = `Peak ${named(top)}`;
		const bottom = extremeCell(values, false);
		if (!counts && bottom !== undefined && bottom !== top) peak = `Highest ${named(top)} · lowest ${named(bottom)}`;
	} else if (!counts && offered.some(count => count > 0))
		peak = `Under ${minimumOffered} ${baseWord} in every hour: too few for ${metric.title.toLowerCase()}.`;
	const clock =
		grid.changes.length > 0
			? `Clock changes: ${grid.changes
					.map(change => {
						const day = DateTime.fromISO(change.date).toFormat('ccc d LLL');
						const hour = `${String(change.hour).padStart(2, '0')}:00`;
						return change.kind === 'missing' ? `${day} ${hour} skipped (empty)` : `${day} ${hour} twice (holds both)`;
					})
					.join(' · ')}`
			: undefined;
	return {title: counts ? `${metric.title} a day` : metric.title, rows, legend, peak, clock};
}
