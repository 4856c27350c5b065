// How the command line reports a failure: the cause, the part that failed, and what to do; a stack only for bugs.
import {GqxError} from '../errors.js';
import {terminalLines, terminalText} from '../text/sanitize.js';

export function describeError(error: unknown): {text: string; exitCode: number} {
	if (error instanceof GqxError) {
		// Messages quote servers, proxies and names from the org: each line cleaned, so none can fake a `gqx:` line.
		const lines = [`gqx: ${terminalText(error.message)}`];
		if (error.part) lines.push(`  Failed part: ${terminalText(error.part)}. No partial numbers were written.`);
		if (error.hint) lines.push(`  ${terminalText(error.hint)}`);
		return {text: `${lines.join('\n')}\n`, exitCode: error.exitCode};
	}
	const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
	return {text: `gqx: unexpected internal error; please report it.\n${terminalLines(detail)}\n`, exitCode: 70};
}

/** Writes the failure to stderr and gives the exit code: the one way every command ends on an error. */
export function reportFailure(error: unknown, stderr: {write(text: string): unknown}): number {
	const {text, exitCode} = describeError(error);
	stderr.write(text);
	return exitCode;
}
