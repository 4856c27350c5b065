// A one-slot memo, as useMemo is, for pure functions: the last result again while the arguments are the same objects.
export function memoLast<Args extends readonly unknown[], Result>(
	compute: (...args: Args) => Result,
): (...args: Args) => Result {
	let last: {args: Args; result: Result} | undefined;
	return (...args) => {
		if (last && last.args.length === args.length && last.args.every((arg, index) => Object.is(arg, args[index])))
			return last.result;
		const result = compute(...args);
		last = {args, result};
		return result;
	};
}

/**
 * As memoLast, for a result that depends on `input` only through `key`: the last result again while the key's parts
 * are the same objects, whatever the input (a column's widest value is the same in any order of the rows).
 */
export function memoLastBy<Input, Key extends readonly unknown[], Result>(
	compute: (input: Input) => Result,
): (input: Input, ...key: Key) => Result {
	const remembered = memoLast((..._key: Key) => compute(current as Input));
	let current: Input | undefined;
	return (input, ...key) => {
		current = input;
		try {
			return remembered(...key);
		} finally {
			current = undefined;
		}
	};
}
