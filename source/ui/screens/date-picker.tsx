// The date step: presets, or a custom from/to checked as you type, and the time zone.
import {Box, Text, useInput, useStdout} from 'ink';
import SelectInput from 'ink-select-input';
import {DateTime} from 'luxon';
import {useCallback, useMemo, useRef, useState} from 'react';
import {asGqxError} from '../../errors.js';
import {
	type DateChoice,
	type DateRange,
	type Preset,
	menuPresets,
	presetLabels,
	rangeBoundError,
	resolveRange,
	type WeekStart,
} from '../../range/range.js';
import {shortRangeText} from '../../range/compare.js';
import {zonesNamedBy} from '../../range/zone-search.js';
import {FilterList} from '../components/filter-list.js';
import {hintLine} from '../keymap.js';
import {useTheme} from '../theme-context.js';
import {TextField} from '../components/text-field.js';
import {wrapWords} from '../../text/wrap.js';

type Props = {
	initialChoice?: DateChoice;
	timeZone: string;
	/** The day weeks start on (this week, last week, weekly buckets); Monday when absent. */
	weekStart?: WeekStart;
	now: () => DateTime;
	onDone: (range: DateRange, choice: DateChoice) => void;
	onCancel: () => void;
};

/** The days a preset resolves to now, as the status bar writes ranges ("14–20 Mar 2026"), today marked. */
function presetDays(preset: Preset, timeZone: string, now: DateTime, weekStart?: WeekStart): string {
	try {
		const range = resolveRange({preset}, timeZone, now, undefined, weekStart);
		return `${shortRangeText(range)}${range.clamped ? ' (to now, live)' : ''}`;
	} catch {
		return '';
	}
}

function check(
	choice: DateChoice,
	timeZone: string,
	now: DateTime,
	weekStart?: WeekStart,
): {range?: DateRange; problem?: string} {
	try {
		// Named as the fields are labelled here, not as the command line's flags.
		const range = resolveRange(choice, timeZone, now, {from: 'From', to: 'To'}, weekStart);
		// No --yes here: the explorer would load it into memory too. The way for such a range is the export.
		const tooLong = rangeBoundError(range, 'export it with gqx export --yes');
		return tooLong ? {problem: `${tooLong.message} ${tooLong.hint}`} : {range};
	} catch (error) {
		const failure = asGqxError(error);
		return {problem: `${failure.message} ${failure.hint}`.trim()};
	}
}

function describe(choice: DateChoice | undefined): string {
	if (!choice) return '';
	return 'preset' in choice
		? (presetLabels[choice.preset as keyof typeof presetLabels] ?? choice.preset)
		: `${choice.from} → ${choice.to}`;
}

export function DatePicker({initialChoice, timeZone: initialZone, weekStart, now, onDone, onCancel}: Props) {
	const theme = useTheme();
	const {stdout} = useStdout();
	const [mode, setMode] = useState<'menu' | 'from' | 'to' | 'zone'>('menu');
	const [timeZone, setTimeZone] = useState(initialZone);
	const [from, setFrom] = useState(initialChoice && 'from' in initialChoice ? initialChoice.from : '');
	const [to, setTo] = useState(initialChoice && 'to' in initialChoice ? initialChoice.to : '');
	// The latest text of the from field, for the to field's checks in the same keystroke.
	const latestFrom = useRef(from);
	const [problem, setProblem] = useState<string>();
	const zones = useMemo(
		() =>
			['UTC', ...Intl.supportedValuesOf('timeZone').filter(zone => zone !== 'UTC')].map(zone => ({
				label: zone,
				value: zone,
			})),
		[],
	);
	// `EST`, `eastern`, `+05:30`, `UTC+2`: zones by a common abbreviation or their offset now, before those by name.
	const zonesNamed = useCallback(
		(query: string) =>
			zonesNamedBy(
				zones.map(zone => zone.value),
				query,
				now().toMillis(),
			)?.map(zone => ({label: zone, value: zone})),
		[zones, now],
	);

	useInput(
		(_input, key) => {
			if (!key.escape) return;
			if (mode === 'menu') onCancel();
			else if (mode === 'to') setMode('from');
			else setMode('menu');
			setProblem(undefined);
		},
		{isActive: mode !== 'zone'},
	);

	const finish = (choice: DateChoice) => {
		const result = check(choice, timeZone, now(), weekStart);
		if (result.range) onDone(result.range, choice);
		else setProblem(result.problem);
	};
	// Checked as you type, once a whole date is there.
	const typing = (choice: {from: string; to: string}, typed: string) => {
		setProblem(typed.length >= 10 ? check(choice, timeZone, now(), weekStart).problem : undefined);
	};

	// Each preset with the days it stands for today, so "Last 7 days" says whether today is in it.
	const labelWidth = Math.max(...menuPresets.map(preset => presetLabels[preset].length));
	const items = [
		...menuPresets.map(preset => ({
			key: preset,
			label: `${presetLabels[preset].padEnd(labelWidth)}  ${presetDays(preset, timeZone, now(), weekStart)}`,
			value: preset as string,
		})),
		{key: 'custom', label: 'Custom range…', value: 'custom'},
		{key: 'zone', label: `Time zone: ${timeZone} (change)`, value: 'zone'},
	];
	const initialIndex = Math.max(
		0,
		initialChoice && 'preset' in initialChoice
			? menuPresets.indexOf((initialChoice.preset === 'live' ? 'today' : initialChoice.preset) as Preset)
			: initialChoice
				? menuPresets.length
				: 2,
	);

	let body;
	if (mode === 'menu') {
		body = (
			<SelectInput
				items={items}
				initialIndex={initialIndex}
				limit={12}
				onSelect={item => {
					if (item.value === 'custom') setMode('from');
					else if (item.value === 'zone') setMode('zone');
					else finish({preset: item.value as Preset});
				}}
			/>
		);
	} else if (mode === 'zone') {
		body = (
			<FilterList
				items={zones}
				limit={8}
				placeholder="type to narrow, e.g. london, new_york, EST or +05:30"
				search={zonesNamed}
				onCancel={() => setMode('menu')}
				onSelect={item => {
					setTimeZone(item.value);
					setMode('menu');
				}}
			/>
		);
	} else {
		body = (
			<Box flexDirection="column">
				<Box>
					<Text bold>From (YYYY-MM-DD): </Text>
					{mode === 'from' ? (
						<TextField
							value={from}
							onChange={text => {
								latestFrom.current = text;
								setFrom(text);
								typing({from: text, to: text}, text);
							}}
							onSubmit={text => {
								const result = check({from: text, to: text}, timeZone, now(), weekStart);
								if (result.problem) setProblem(result.problem);
								else setMode('to');
							}}
						/>
					) : (
						<Text>{from}</Text>
					)}
				</Box>
				{mode === 'to' ? (
					<Box>
						<Text bold>To, included (YYYY-MM-DD): </Text>
						<TextField
							value={to}
							onChange={text => {
								setTo(text);
								typing({from: latestFrom.current, to: text}, text);
							}}
							onSubmit={text => finish({from: latestFrom.current, to: text})}
						/>
					</Box>
				) : null}
			</Box>
		);
	}
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
			<Text bold>Dates · days in {timeZone}</Text>
			{initialChoice ? <Text dimColor={theme.dim}>Last time: {describe(initialChoice)}</Text> : null}
			{body}
			{/* Wrapped here at spaces, so no line of it starts with one (Ink's own wrap keeps them). */}
			{problem
				? wrapWords(`✗ ${problem}`, Math.max(20, (stdout.columns || 80) - 4)).map((line, index) => (
						<Text key={index} color={theme.error}>
							{line}
						</Text>
					))
				: null}
			<Text dimColor={theme.dim}>{hintLine('dates')}</Text>
		</Box>
	);
}
