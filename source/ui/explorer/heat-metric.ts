// The heat-metric slice of the explorer's reducer: the metric the heat map shades (`←/→`), kept between heat maps.
import {heatMetricFields} from '../../metrics/hour-grid.js';
import type {ExplorerState, HeatMetricAction} from './types.js';

export function heatMetricReducer(state: ExplorerState, action: HeatMetricAction): ExplorerState {
	const count = heatMetricFields.length;
	const at = Math.max(0, heatMetricFields.indexOf(state.heatMetric));
	return {...state, heatMetric: heatMetricFields[(at + action.delta + count) % count]!};
}
