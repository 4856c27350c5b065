// Whether a key acts on the level and row shown, and if not why: the footer offers only keys that act, and a key
// that cannot says why in the status line instead of doing nothing.
import {opensOnTotal, opensWholeLevel, rowsCannotOpen} from '../../levels/registry.js';
import type {LevelModule, LevelRef} from '../../levels/types.js';
import {bindings, type KeyAction, type KeyContext} from '../keymap.js';

export type KeyPlace = {
	context: KeyContext;
	level: LevelModule;
	/** Why the level opens nothing from its rows as it was opened (people now of every queue), if so. */
	cannotOpen: string | undefined;
	/** The level as it was opened (its rows may be requested skills or languages, `t`). */
	ref?: LevelRef;
	/** The first level is shown (`t` acts there only). */
	atFirst?: boolean;
	/** The selection is on the totals row. */
	onTotal: boolean;
	/** The level has rows to open. */
	hasRows: boolean;
	/** Esc has somewhere to go: a level above, an error to leave, or a kept filter to clear. */
	canGoBack: boolean;
	/** Live updates run on this level (a range with today, a level with live values). */
	live: boolean;
	/** The range includes today. */
	rangeLive: boolean;
	/** The level is of one moment whatever the range (people now, an agent's today, one conversation): no comparison. */
	uncompared?: boolean;
};

/** The footer's and the status line's name for a key: `w (wrap-ups)`. */
function named(action: KeyAction, context: KeyContext): string {
	const binding = bindings.find(each => each.action === action && each.contexts.includes(context));
	return binding ? `${binding.keys} (${binding.short ?? binding.description})` : action;
}

/** Undefined when `action` acts here; otherwise what the status line says. */
export function whyNot(action: KeyAction, place: KeyPlace): string | undefined {
	const {level, context} = place;
	// Only the table's and the heat map's keys depend on the level; the other contexts bind what acts.
	if (context !== 'table' && context !== 'heatmap') return undefined;
	const via = action === 'drill' ? 'drill' : action.startsWith('open:') ? action.slice('open:'.length) : undefined;
	if (via !== undefined) {
		if (!level.opens[via as keyof typeof level.opens]) return `${named(action, context)} does nothing on this level.`;
		if (place.cannotOpen) return `${named(action, context)} ${place.cannotOpen}.`;
		const byRows = place.ref && rowsCannotOpen(place.ref, via);
		if (byRows) return `${named(action, context)} ${byRows}.`;
		if (!place.hasRows && !opensWholeLevel(via)) return `${named(action, context)}: no rows to open.`;
		if (place.onTotal && !opensOnTotal(via))
			return `${named(action, context)} does nothing on the totals row: move to a row first.`;
		return undefined;
	}
	switch (action) {
		case 'back':
			return place.canGoBack ? undefined : 'Esc: already at the first level (q quits).';
		case 'granularity':
			return level.usesGranularity ? undefined : `${named(action, context)} applies to the levels by interval.`;
		case 'quick-filter':
			return level.quickFilter ? undefined : `${named(action, context)}: this level has no quick filter.`;
		case 'rows-by':
			return place.atFirst === false
				? `${named(action, context)} acts on the first level (Esc back to it).`
				: undefined;
		case 'idle-rows':
			return level.idleRows ? undefined : `${named(action, context)}: this level has no rows without traffic to show.`;
		case 'compare':
			return place.uncompared
				? `${named(action, context)}: this level is of one moment (now, today, a conversation): nothing to compare.`
				: undefined;
		case 'live':
			if (place.live) return undefined;
			return place.rangeLive
				? 'l: this level has no live values (queues, media types, people now and flows have).'
				: 'l: live updates are for ranges that include today.';
		default:
			return undefined;
	}
}
