// The navigation slice of the explorer's reducer: the selection and scroll, drilling in and back, the filter,
// the interval size, and what is said or shown over the table (notice, overlay) or where to go (leave).
import {levelOf} from '../../levels/registry.js';
import {type LevelRef, sessionContext, totalKey} from '../../levels/types.js';
import {opensOnTotal, opensWholeLevel, rowsCannotOpen, rowsContextFor} from '../../levels/registry.js';
import {rowsByOrder} from '../../genesys/row-dimensions.js';
import {granularities} from '../../range/range.js';
import {currentFrame, goBack, newFrame, scrolled, selectedIndex, withFrame} from './frames.js';
import type {ExplorerState, NavigationAction} from './types.js';

/** The board `N` opens: people now of every queue's members. */
const everyoneBoard: LevelRef = {id: 'people', context: {}};

export function navigationReducer(state: ExplorerState, action: NavigationAction): ExplorerState {
	const frame = currentFrame(state);
	switch (action.type) {
		case 'move':
		case 'jump': {
			if (action.keys.length === 0) return state;
			const index = selectedIndex(frame, action.keys);
			const target =
				action.type === 'jump'
					? action.to === 'first'
						? 0
						: action.keys.length - 1
					: Math.max(0, Math.min(action.keys.length - 1, index + action.delta));
			return withFrame(state, {
				selected: action.keys[target] ?? null,
				top: scrolled(frame.top, target, action.pageSize, action.keys.length),
			});
		}
		case 'open': {
			// The row is found here, from the latest state, so keys typed ahead (↓↓Enter) open where they should.
			const row =
				action.rows[
					selectedIndex(
						frame,
						action.rows.map(each => each.key),
					)
				];
			const level = levelOf(frame.level);
			const next = level.opens[action.via];
			// What opens for the level as a whole (f: flows) needs no row: a filter that keeps none does not stop it.
			const whole = opensWholeLevel(action.via);
			if ((!row && !whole) || !next || level.cannotOpen?.(frame.level) !== undefined) return state;
			if (rowsCannotOpen(frame.level, action.via) !== undefined) return state;
			const onTotal = row?.key === totalKey;
			if (onTotal && !opensOnTotal(action.via)) return state;
			// A key that opens the level this one was opened from goes back to it (f: queues, flows, queues again).
			const below = state.stack.at(-2);
			if (below && below.level.id === next && action.via !== 'drill') return goBack(state);
			// A filtered total is some of the rows; what it would open is all of them, so say so rather than mislead.
			if (onTotal && frame.filter.trim() !== '')
				return {...state, notice: 'The totals row opens all rows: clear the filter first (/ then Esc).'};
			// The totals row stands for every row of the level: what the level itself was opened for.
			const ref: LevelRef = {
				id: next,
				context: rowsContextFor(
					next,
					onTotal || whole || !row
						? frame.level.context
						: {...sessionContext(frame.level.context), ...level.openContext(row, frame.level)},
				),
			};
			return {...state, filtering: false, stack: [...state.stack, newFrame(ref, state.views)]};
		}
		case 'back':
			if (state.error) return goBack({...state, error: undefined});
			if (state.stack.length > 1) return goBack(state);
			// At the first level Esc clears a kept filter (the footer offers it there only then).
			return frame.filter !== '' ? withFrame(state, {filter: '', top: 0}) : state;
		case 'filter-start':
			return {...state, filtering: true};
		case 'filter-set':
			return withFrame(state, {filter: action.text, top: 0});
		case 'filter-end':
			return action.keep ? {...state, filtering: false} : withFrame({...state, filtering: false}, {filter: '', top: 0});
		case 'granularity-next':
			if (!levelOf(frame.level).usesGranularity) return state;
			return {
				...state,
				granularity: granularities[(granularities.indexOf(state.granularity) + 1) % granularities.length] ?? 'P1D',
			};
		case 'quick-next': {
			const quick = levelOf(frame.level).quickFilter;
			if (!quick) return state;
			const next = ((frame.quick ?? 0) + 1) % quick.choices.length;
			// The status line names a choice that filters (model.ts quickText); back at "all", a notice says so once.
			const named = next > 0 || quick.always === true;
			return {
				...withFrame(state, {quick: next, top: 0}),
				notice: named ? undefined : `${quick.title}: ${quick.choices[next]?.label ?? ''} (${quick.key} for the next)`,
			};
		}
		case 'everyone': {
			// Already there: nothing to stack (Esc would only come back to the same board).
			if (frame.level.id === everyoneBoard.id && !frame.level.context.queueId) return state;
			const board = {...everyoneBoard, context: rowsContextFor(everyoneBoard.id, sessionContext(frame.level.context))};
			return {...state, filtering: false, stack: [...state.stack, newFrame(board, state.views)]};
		}
		case 'rows-next': {
			// The first level only: another kind of rows is another first level (its own request, filter and place).
			if (state.stack.length !== 1) return state;
			const {rowsBy: now, ...rest} = frame.level.context;
			const rowsBy = rowsByOrder[(rowsByOrder.indexOf(now ?? 'queue') + 1) % rowsByOrder.length] ?? 'queue';
			const ref: LevelRef = {id: frame.level.id, context: rowsBy === 'queue' ? rest : {...rest, rowsBy}};
			// The header (Skill, Language) and the breadcrumb say which rows these are.
			return {...state, filtering: false, stack: [newFrame(ref, state.views)]};
		}
		case 'idle-toggle':
			return levelOf(frame.level).idleRows ? withFrame(state, {idle: !frame.idle, top: 0}) : state;
		case 'notice':
			return {...state, notice: action.text};
		case 'overlay':
			return {...state, overlay: action.overlay};
		case 'leave':
			return {...state, leave: action.to};
	}
}
