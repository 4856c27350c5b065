// The weekday x hour heat map: Monday to Sunday down, 00-23 across, two characters an hour, shaded with
// blocks (and a background colour when colour is on), with the metric's tabs, the scale, the peak and DST.
import {Box, Text} from 'ink';
import {type MetricField, metricFor} from '../../metrics/catalog.js';
import type {HourGrid} from '../../metrics/hour-grid.js';
import {heatFieldsOf} from '../../metrics/hour-grid.js';
import {hoursPerDay} from '../../range/weekday-hours.js';
import {heatView} from '../explorer/heat-view.js';
import {useTheme} from '../theme-context.js';

/** Background ramps, light to dark: red where more is worse, green where more is better, blue otherwise. */
const ramps = {
	worse: ['#3a1c1c', '#6b2626', '#9c3030', '#d04040'],
	better: ['#1c3a24', '#26633a', '#308c50', '#40c06a'],
	neutral: ['#1c2a3a', '#264a6b', '#306a9c', '#408ed0'],
} as const;

type Props = {grid: HourGrid; field: MetricField; scope: string};

export function HeatMap({grid, field: asked, scope}: Props) {
	const theme = useTheme();
	const fields = heatFieldsOf(grid);
	const field = fields.includes(asked) ? asked : fields[0]!;
	const view = heatView(grid, field);
	const metric = metricFor(field);
	// NO_COLOR leaves the theme without colours: the blocks alone carry the shading then.
	const coloured = theme.accent !== undefined;
	const ramp =
		metric.kind === 'count' || metric.higherIsBetter === null
			? ramps.neutral
			: metric.higherIsBetter
				? ramps.better
				: ramps.worse;
	const hours = Array.from({length: hoursPerDay / 2}, (_, index) => String(index * 2).padStart(2, '0')).join('  ');
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Text bold>{view.title}</Text>
				{` · ${scope} · ${grid.timeZone}`}
			</Text>
			<Text wrap="truncate-end">
				{fields.map((each, index) => {
					const header = metricFor(each).header;
					const chosen = each === field;
					return (
						<Text key={each}>
							{index > 0 ? ' ' : ''}
							<Text inverse={chosen} bold={chosen}>
								{chosen ? `[${header}]` : ` ${header} `}
							</Text>
						</Text>
					);
				})}
			</Text>
			<Text wrap="truncate-end">
				{'     '}
				{hours}
				{'    '}
				<Text dimColor={theme.dim}>{metric.kind === 'count' ? 'a day' : 'all day'}</Text>
			</Text>
			{view.rows.map(row => (
				<Text key={row.label} wrap="truncate-end">
					{`${row.label}  `}
					{row.cells.map((cell, hour) =>
						coloured && cell.level !== null && cell.level > 0 ? (
							<Text key={hour} color={ramp[Math.min(3, cell.level)]} backgroundColor={ramp[cell.level - 1]}>
								{cell.text}
							</Text>
						) : (
							<Text key={hour}>{cell.text}</Text>
						),
					)}
					{`  ${row.summary.padStart(7)}`}
				</Text>
			))}
			<Text wrap="truncate-end">{view.peak ?? 'No traffic in this range.'}</Text>
			<Text wrap="truncate-end" dimColor={theme.dim}>
				{view.legend}
			</Text>
			{view.clock ? (
				<Text wrap="truncate-end" color={theme.warning}>
					{view.clock}
				</Text>
			) : null}
		</Box>
	);
}
