// Flag parsing on node:util parseArgs, with usage errors instead of stack traces.
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from '../errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<T extends Options>(args: string[], options: T, command: string, allowPositionals = false) {
	try {
		return parseArgs({args, options, strict: true, allowPositionals, allowNegative: false});
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
