// The column picker (`v`): every metric of the catalog (and the live columns while the range includes today), the
// shown ones ticked and in their order.
import {Box, Text} from 'ink';
import {isLiveField, liveMetricFor, metricFor} from '../../metrics/catalog.js';
import type {PickedField} from '../explorer/state.js';
import {useTheme} from '../theme-context.js';

type Props = {
	/** Every column offered, the visible ones first in their order. */
	order: readonly PickedField[];
	visible: readonly PickedField[];
	/** The columns the table has room for at this width. */
	onScreen: readonly string[];
	cursor: number;
	levelName: string;
	/** Rows available for the list. */
	height: number;
};

export function ColumnPicker({order, visible, onScreen, cursor, levelName, height}: Props) {
	const theme = useTheme();
	const rows = Math.max(3, height - 4);
	const top = Math.max(0, Math.min(cursor - Math.floor(rows / 2), order.length - rows));
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
			<Text bold wrap="truncate-end">
				Columns of the {levelName} level ({visible.length} of {order.length} shown; the name column always is)
			</Text>
			{order.slice(top, top + rows).map((field, index) => {
				const live = isLiveField(field);
				const metric = live ? liveMetricFor(field) : metricFor(field);
				const at = top + index;
				const shown = visible.includes(field);
				return (
					<Text key={field} inverse={at === cursor} wrap="truncate-end">
						{at === cursor ? '›' : ' '} [{shown ? 'x' : ' '}]{' '}
						{shown ? `${String(visible.indexOf(field) + 1).padStart(2)}.` : '   '} {metric.title}
						{metric.header === metric.title ? '' : ` (${metric.header})`}
						{live ? ' · live' : ''}
						{shown && !onScreen.includes(field) ? ' · no room at this width' : ''}
					</Text>
				);
			})}
		</Box>
	);
}
