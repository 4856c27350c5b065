// The heat-metric slice of the explorer's reducer: the metric the heat map shades (`←/→`), kept between heat maps.
// The metrics are those of the map shown (a queue's, a flow's); one not among them counts as their first.
import {heatMetricFields} from '../../metrics/hour-grid.js';
import type {ExplorerState, HeatMetricAction} from './types.js';

export function heatMetricReducer(state: ExplorerState, action: HeatMetricAction): ExplorerState {
	const fields = action.fields ?? heatMetricFields;
	const count = fields.length;
	const at = Math.max(0, fields.indexOf(state.heatMetric));
	return {...state, heatMetric: fields[(at + action.delta + count) % count]!};
}
