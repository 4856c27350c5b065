// Typed errors: each carries a one-line cause, the next step for the user, and the exit code of `gqx export`.

export type ErrorKind = 'usage' | 'auth' | 'permission' | 'rate-limit' | 'api' | 'network' | 'response' | 'config';

export const exitCodes = {
	ok: 0,
	usage: 2,
	auth: 3,
	permission: 4,
	api: 5,
} as const;

export class GqxError extends Error {
	readonly kind: ErrorKind = 'api';
	readonly exitCode: number = exitCodes.api;
	/** What the user can do about it. */
	readonly hint: string;
	/** Which part of a larger job failed (a chunk of days, a queue batch), when there were several. */
	part: string | undefined;

	constructor(message: string, hint = '', options?: {cause?: unknown}) {
		super(message, options);
		this.name = new.target.name;
		this.hint = hint;
	}
}

/** Bad flags, dates, names or other input: nothing was sent. */
export class UsageError extends GqxError {
	override readonly kind = 'usage';
	override readonly exitCode = exitCodes.usage;
}

/** The saved configuration could not be used. */
export class ConfigError extends GqxError {
	override readonly kind = 'config';
	override readonly exitCode = exitCodes.usage;
}

/** The login host refused the client id or secret, or the token stopped working and re-login failed. */
export class AuthError extends GqxError {
	override readonly kind = 'auth';
	override readonly exitCode = exitCodes.auth;
}

export class PermissionError extends GqxError {
	override readonly kind = 'permission';
	override readonly exitCode = exitCodes.permission;
	readonly permissions: string[];

	constructor(message: string, hint: string, permissions: string[]) {
		super(message, hint);
		this.permissions = permissions;
	}
}

export class RateLimitError extends GqxError {
	override readonly kind = 'rate-limit';
	readonly retryAfterSeconds: number | undefined;

	constructor(message: string, hint: string, retryAfterSeconds: number | undefined) {
		super(message, hint);
		this.retryAfterSeconds = retryAfterSeconds;
	}
}

/** The API answered with an error status that retries did not clear. */
export class ApiError extends GqxError {
	override readonly kind = 'api';
	readonly status: number;
	readonly code: string | undefined;
	readonly correlationId: string | undefined;

	constructor(message: string, hint: string, details: {status: number; code?: string; correlationId?: string}) {
		super(message, hint);
		this.status = details.status;
		this.code = details.code;
		this.correlationId = details.correlationId;
	}
}

/** No answer: DNS, refused or reset connection, timeout. */
export class NetworkError extends GqxError {
	override readonly kind = 'network';
	readonly host: string;

	constructor(message: string, hint: string, host: string, options?: {cause?: unknown}) {
		super(message, hint, options);
		this.host = host;
	}
}

/** The proxy answered 407: it wants credentials, or refused the ones in its URL. */
export class ProxyAuthError extends AuthError {
	readonly proxyHost: string;

	constructor(message: string, hint: string, proxyHost: string) {
		super(message, hint);
		this.proxyHost = proxyHost;
	}
}

/** The proxy could not be reached, or would not open a tunnel to the host. */
export class ProxyError extends NetworkError {}

/** The host's TLS certificate is not trusted (a company CA re-signing traffic, usually). */
export class TlsError extends NetworkError {}

/** The server answered 2xx with something that is not what the API promises. */
export class ResponseError extends GqxError {
	override readonly kind = 'response';
}

/**
 * Any thrown value as a GqxError: itself when it is one, else its message with `context` before it
 * (what was being done) and a hint that this is unexpected. The one fallback every screen and command uses.
 */
export function asGqxError(error: unknown, context?: string): GqxError {
	if (error instanceof GqxError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new GqxError(context ? `${context}: ${message}` : message, 'This looks like a gqx bug; please report it.', {
		cause: error,
	});
}

export class CancelledError extends GqxError {
	constructor() {
		super('Cancelled.', '');
	}
}

export type RetryNotice = {
	reason: 'rate-limit' | 'server-error' | 'network';
	/** 1 for the first retry. */
	attempt: number;
	delayMs: number;
	/** HTTP status that caused it, when there was an answer. */
	status?: number;
	/** Path of the request that is retried (never a URL with credentials). */
	path: string;
};

/** The words for a retry wait, shown by the export's stderr and the TUI's status bar. */
export function describeRetry(notice: RetryNotice): string {
	const wait = `retrying in ${notice.delayMs >= 1000 ? Math.round(notice.delayMs / 1000) : (notice.delayMs / 1000).toFixed(1)} s`;
	if (notice.reason === 'rate-limit') return `rate limited, ${wait}`;
	if (notice.reason === 'server-error') return `server answered ${notice.status}, ${wait} (attempt ${notice.attempt})`;
	return `network problem, ${wait} (attempt ${notice.attempt})`;
}
