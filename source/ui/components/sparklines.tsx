// One sparkline per metric over the rows in time order (the interval levels), above the table.
import {Text} from 'ink';
import type {DisplayRow} from '../../levels/types.js';
import {metricFor, type MetricField, metricValue} from '../../metrics/catalog.js';
import {sparkline} from '../explorer/view.js';
import {useTheme} from '../theme-context.js';

export function Sparklines({
	fields,
	rows,
	width,
}: {
	fields: readonly MetricField[];
	/** In time order. */
	rows: readonly DisplayRow[];
	width: number;
}) {
	const theme = useTheme();
	return fields.map(field => (
		<Text key={field} wrap="truncate-end">
			{metricFor(field).header.padEnd(10)}
			<Text color={theme.accent}>
				{sparkline(
					rows.map(row => metricValue(metricFor(field), row.row)),
					width,
				)}
			</Text>
		</Text>
	));
}
