// What a command gets of the process: its streams, environment and folder (tests give their own).
import type {Writable} from 'node:stream';

export type Io = {
	stdout: Writable & {isTTY?: boolean; columns?: number};
	stderr: Writable & {isTTY?: boolean};
	env: NodeJS.ProcessEnv;
	cwd: string;
	/** Where `gqx profiles add` reads the secret; process.stdin when absent. */
	stdin?: NodeJS.ReadableStream & {isTTY?: boolean};
};
