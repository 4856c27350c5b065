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
