// Flag parsing on node:util parseArgs, with usage errors instead of stack traces.
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from '../errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** A value that reads as a negative number (`-5`, `-0.5`, `-.5`), not a flag. */
const negativeNumber = /^-\.?\d/;

/**
 * `--max-wait -5` as `--max-wait=-5`: parseArgs calls a value starting with a dash ambiguous, but no flag of gqx
 * starts with a digit, so a negative number after a flag that takes a value is that value, and the command says
 * what is wrong with it in its own words.
 */
function negativeValuesJoined(args: readonly string[], options: Options): string[] {
	const takesValue = new Set<string>();
	for (const [name, option] of Object.entries(options))
		if (option.type === 'string') {
			takesValue.add(`--${name}`);
			if (option.short) takesValue.add(`-${option.short}`);
		}
	const joined: string[] = [];
	for (let index = 0; index < args.length; index++) {
		const arg = args[index]!;
		if (arg === '--') return [...joined, ...args.slice(index)];
		const next = args[index + 1];
		if (takesValue.has(arg) && next !== undefined && negativeNumber.test(next)) {
			// A short flag takes its value joined (`-o-5`), a long one after `=`.
			joined.push(arg.startsWith('--') ? `${arg}=${next}` : `${arg}${next}`);
			index++;
		} else joined.push(arg);
	}
	return joined;
}

export function parseFlags<T extends Options>(args: string[], options: T, command: string, allowPositionals = false) {
	try {
		return parseArgs({
			args: negativeValuesJoined(args, options),
			options,
			strict: true,
			allowPositionals,
			allowNegative: false,
		});
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const unknown = /Unknown option '([^']+)'/.exec(message);
		if (unknown)
			throw new UsageError(
				`Unknown flag ${unknown[1]} for ${command}.`,
				`Run gqx ${command === 'gqx' ? '' : `${command} `}--help to see the flags.`,
			);
		const positional = /Unexpected argument '([^']+)'/.exec(message);
		if (positional)
			throw new UsageError(`Unexpected argument "${positional[1]}" for ${command}.`, `Run gqx ${command} --help.`);
		throw new UsageError(message.replace(/\. To specify.*$/, '.'), `Run gqx ${command} --help.`);
	}
}
