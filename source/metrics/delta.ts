// The change of a metric between two periods: counts in %, rates in percentage points, times as signed
// m:ss, and whether that is better or worse by the catalog's "higher is better".
import {type Metric, type MetricField, metricValue} from './catalog.js';
import {formatDuration, missing} from './format.js';
import type {QueueRow} from './rows.js';

/** The sort column of a metric's change (`s` cycles through them when comparing). */
export type DeltaField = `${MetricField}Delta`;

export function deltaField(field: MetricField): DeltaField {
	return `${field}Delta`;
}

/** The metric a delta field belongs to, or undefined for any other name. */
export function deltaOf(name: string): MetricField | undefined {
	return name.endsWith('Delta') ? (name.slice(0, -'Delta'.length) as MetricField) : undefined;
}

export type Verdict = 'better' | 'worse';

export type Delta = {
	/** For sorting: relative change of a count (Infinity from 0), points of a rate, ms of a time; null when unknown. */
	value: number | null;
	text: string;
	verdict: Verdict | undefined;
};

/** ▲ says better and ▼ worse (the sign says up or down), so the verdict reads without colour too. */
export const verdictArrows: Record<Verdict, string> = {better: '▲', worse: '▼'};

const none: Delta = {value: null, text: missing, verdict: undefined};

function signed(text: string, negative: boolean): string {
	return `${negative ? '-' : '+'}${text}`;
}

function percentText(percent: number): string {
	const size = Math.abs(percent);
	if (size >= 1000) return '>999%';
	return `${size < 10 ? size.toFixed(1) : Math.round(size)}%`;
}

function verdictOf(metric: Metric, direction: number): Verdict | undefined {
	if (direction === 0 || metric.higherIsBetter === null) return undefined;
	return direction > 0 === metric.higherIsBetter ? 'better' : 'worse';
}

/** The change from `previous` to `current` of one metric, as a table cell shows it. */
export function metricDelta(metric: Metric, current: QueueRow, previous: QueueRow | undefined): Delta {
	// Text columns (the division) are identity, not metrics: no change to tell.
	if (!previous || metric.kind === 'text') return none;
	const now = metricValue(metric, current);
	const before = metricValue(metric, previous);
	if (metric.kind === 'count') {
		const a = now ?? 0;
		const b = before ?? 0;
		if (b === 0)
			return a === 0
				? {value: 0, text: '0%', verdict: undefined}
				: {value: Infinity, text: 'new', verdict: verdictOf(metric, 1)};
		const percent = ((a - b) / b) * 100;
		const text = percentText(percent);
		// The verdict follows what is shown: a change that rounds to nothing is no change.
		const direction = Number(text.replace(/[^\d.]/g, '')) === 0 ? 0 : Math.sign(percent);
		return {
			value: percent / 100,
			text: direction === 0 ? '0%' : signed(text, percent < 0),
			verdict: verdictOf(metric, direction),
		};
	}
	if (now === null || before === null) return none;
	if (metric.kind === 'rate') {
		const points = Math.round((now - before) * 1000) / 10;
		const size = Math.abs(points);
		const text = `${size >= 100 ? Math.round(size) : size.toFixed(1)}pp`;
		return {
			value: points,
			text: points === 0 ? '0.0pp' : signed(text, points < 0),
			verdict: verdictOf(metric, Math.sign(points)),
		};
	}
	const ms = now - before;
	const seconds = Math.round(Math.abs(ms) / 1000);
	const text = formatDuration(seconds * 1000);
	return {
		value: ms,
		text: seconds === 0 ? '0:00' : signed(text, ms < 0),
		verdict: verdictOf(metric, seconds === 0 ? 0 : Math.sign(ms)),
	};
}

/** A delta as one cell: its text and, when it says better or worse, the arrow. */
export function deltaText(delta: Delta): string {
	return delta.verdict ? `${delta.text}${verdictArrows[delta.verdict]}` : delta.text;
}

/** Widest cell of a delta column by kind: "-99.9%▼", "-99.9pp▼", "-59:59▼". */
export const deltaWidths: Record<Exclude<Metric['kind'], 'text'>, number> = {count: 7, rate: 8, duration: 7};
