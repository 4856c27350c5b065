// Text tables shared by the explorer and `export --format table`: cut, pad and fit columns to a width.

export type Align = 'left' | 'right';

/** A column of a text table: its width in terminal columns and how soon it goes when space runs out. */
export type Fittable = {width: number; priority: number};

const ellipsis = '…';

/** `text` in at most `width` columns; a longer one loses its middle, so both ends stay readable. */
export function cutMiddle(text: string, width: number): string {
	if (text.length <= width) return text;
	if (width <= 1) return text.slice(0, Math.max(0, width));
	const head = Math.ceil((width - 1) / 2);
	const tail = width - 1 - head;
	return `${text.slice(0, head)}${ellipsis}${tail > 0 ? text.slice(-tail) : ''}`;
}

/** `text` padded to `width`; left-aligned text (names) is cut in the middle, right-aligned (numbers) at the end. */
export function pad(text: string, width: number, align: Align): string {
	if (align === 'left') return cutMiddle(text, width).padEnd(width);
	const clipped = text.length > width ? `${text.slice(0, Math.max(0, width - 1))}${ellipsis}` : text;
	return clipped.padStart(width);
}

/**
 * The `fixed` columns and as many `candidates` as fit `width`, with `gap` columns between them:
 * the candidates with the lowest priority go first, the rest keep their order.
 */
export function fitToWidth<C extends Fittable>(
	width: number,
	fixed: readonly C[],
	candidates: readonly C[],
	gap = 1,
): C[] {
	const kept = [...candidates];
	const used = () =>
		[...fixed, ...kept].reduce((sum, column) => sum + column.width, 0) + gap * (fixed.length + kept.length - 1);
	while (kept.length > 0 && used() > width) {
		let weakest = 0;
		for (let index = 1; index < kept.length; index++)
			if (kept[index]!.priority < kept[weakest]!.priority) weakest = index;
		kept.splice(weakest, 1);
	}
	return [...fixed, ...kept];
}
