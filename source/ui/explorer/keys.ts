// The explorer's keys as reducer actions: one mapping from keymap actions, nothing else decided here.
import type {KeyAction} from '../keymap.js';
import type {ExplorerAction} from './state.js';
import type {OpenedRow, SortColumn} from '../../levels/types.js';
import type {MetricField} from '../../metrics/catalog.js';

export type KeyScope = {
	/** Row keys of the view, in order. */
	keys: readonly string[];
	rows: readonly OpenedRow[];
	pageSize: number;
	/** The level's rows are in (there is something to export). */
	hasView: boolean;
	/** The columns `s` cycles through: those on screen. */
	sortColumns: readonly SortColumn[];
	/** The metrics `←/→` cycle through on a heat map: the map's own (a flow's), when not the queues'. */
	heatFields?: readonly MetricField[];
};

export function explorerActionFor(action: KeyAction, scope: KeyScope): ExplorerAction | undefined {
	const {keys, pageSize} = scope;
	// A level's own key opens that level, as Enter opens the drill.
	if (action.startsWith('open:')) return {type: 'open', via: action.slice('open:'.length), rows: scope.rows};
	switch (action) {
		case 'up':
		case 'down':
			return {type: 'move', keys, delta: action === 'up' ? -1 : 1, pageSize};
		case 'page-up':
		case 'page-down':
			return {type: 'move', keys, delta: action === 'page-up' ? -pageSize : pageSize, pageSize};
		case 'first':
		case 'last':
			return {type: 'jump', keys, to: action, pageSize};
		case 'drill':
			return {type: 'open', via: action, rows: scope.rows};
		case 'heat-previous':
		case 'heat-next':
			return {
				type: 'heat-metric',
				delta: action === 'heat-previous' ? -1 : 1,
				...(scope.heatFields ? {fields: scope.heatFields} : {}),
			};
		case 'back':
			return {type: 'back'};
		case 'cancel':
			return {type: 'cancel'};
		case 'refresh':
			return {type: 'refresh'};
		case 'filter':
			return {type: 'filter-start'};
		case 'sort':
			return {type: 'sort-next', columns: scope.sortColumns};
		case 'sort-reverse':
			return {type: 'sort-reverse'};
		case 'granularity':
			return {type: 'granularity-next'};
		case 'quick-filter':
			return {type: 'quick-next'};
		case 'idle-rows':
			return {type: 'idle-toggle'};
		case 'rows-by':
			return {type: 'rows-next'};
		case 'everyone':
			return {type: 'everyone'};
		case 'dates':
			return {type: 'leave', to: 'dates'};
		case 'profile':
			return {type: 'leave', to: 'profile'};
		case 'quit':
			return {type: 'leave', to: 'quit'};
		case 'export':
			return scope.hasView ? {type: 'overlay', overlay: {kind: 'export'}} : undefined;
		case 'columns':
			return {type: 'overlay', overlay: {kind: 'columns', cursor: 0}};
		case 'help':
			return {type: 'overlay', overlay: {kind: 'help', page: 0}};
		case 'live':
			return {type: 'live-toggle'};
		case 'compare':
			return {type: 'compare-next'};
		case 'column-up':
		case 'column-down':
			return {type: 'columns-move', delta: action === 'column-up' ? -1 : 1};
		case 'column-first':
		case 'column-last':
			return {type: 'columns-jump', to: action === 'column-first' ? 'first' : 'last'};
		case 'column-toggle':
			return {type: 'columns-toggle'};
		case 'column-earlier':
		case 'column-later':
			return {type: 'columns-shift', delta: action === 'column-earlier' ? -1 : 1};
		case 'columns-reset':
			return {type: 'columns-reset'};
		case 'close':
			return {type: 'overlay', overlay: undefined};
		default:
			return undefined;
	}
}

/** Actions after which the same rows and screen still hold, so a further key of the same read can follow at once. */
export const sameScreen: ReadonlySet<ExplorerAction['type']> = new Set([
	'move',
	'jump',
	'sort-next',
	'sort-reverse',
	'columns-move',
	'columns-jump',
	'columns-toggle',
	'columns-shift',
	'columns-reset',
	'heat-metric',
]);
