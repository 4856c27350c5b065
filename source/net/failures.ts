// What a failed connection means when a proxy or a TLS check is involved: a 407, a proxy that refuses
// or is not there, a certificate nobody vouches for. Each names the host and says what to do.
import {type GqxError, ProxyAuthError, ProxyError, TlsError} from '../errors.js';
import type {Route} from './agents.js';

/** OpenSSL's verdicts on a certificate chain, as Node reports them in `error.code`. */
const untrustedCodes = new Set([
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'CERT_UNTRUSTED',
	'CERT_REJECTED',
	'CERT_SIGNATURE_FAILURE',
	'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
	'INVALID_CA',
	'CERT_CHAIN_TOO_LONG',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'HOSTNAME_MISMATCH',
]);

/** hpagent reports a CONNECT that was not answered 200 this way. */
const connectRefusal = /^Bad response: (\d{3})$/;

export type Failure = {error: GqxError; retryable: boolean};

function caHint(route: Route): string {
	const given = route.caFile
		? ` The CA file ${route.caFile} does not vouch for it: check it is your company's CA.`
		: '';
	return `If your network inspects TLS with a company CA, give gqx that CA: --ca-file PATH (or a CA file in the profile), or NODE_EXTRA_CA_CERTS=PATH for every Node.js program. Otherwise check the region or base URL.${given}`;
}

/**
 * A connection failure seen on `route` to `target`, when a proxy or TLS explains it; undefined
 * for the others (DNS, refused, reset on a direct route), which the client words itself.
 */
export function explainFailure(code: string, message: string, target: URL, route: Route): Failure | undefined {
	const host = target.host;
	const proxy = route.proxy;
	const through = proxy ? ` through the proxy at ${proxy.host}` : '';
	// Through an https proxy, its own certificate is checked too, and the error does not say which.
	const presented = proxy?.tls
		? `The TLS certificate of the proxy at ${proxy.host}, or of ${host} behind it,`
		: `The TLS certificate presented for ${host}${through}`;
	if (untrustedCodes.has(code) || code.startsWith('ERR_TLS_CERT')) {
		const what =
			code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH'
				? `${presented} is for another host name`
				: code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
					? `${presented} is out of its validity dates`
					: `${presented} is not trusted`;
		return {error: new TlsError(`${what} (${code}).`, caHint(route), target.host), retryable: false};
	}
	if (!proxy) return undefined;
	const refusal = connectRefusal.exec(message);
	if (refusal) {
		const status = Number(refusal[1]);
		if (status === 407)
			return {
				error: new ProxyAuthError(
					proxy.hasCredentials
						? `The proxy at ${proxy.host} asked for credentials: it refused the user name and password from ${proxy.source}.`
						: `The proxy at ${proxy.host} asked for credentials.`,
					proxy.hasCredentials
						? `Check the user name and password in the proxy URL (${proxy.source}); characters such as @ : / must be percent-encoded.`
						: `Put them in the proxy URL (${proxy.source}): http://USER:PASSWORD@${proxy.host}.`,
					proxy.host,
				),
				retryable: false,
			};
		return {
			error: new ProxyError(
				`The proxy at ${proxy.host} refused to connect to ${host} (HTTP ${status}).`,
				status >= 500
					? 'The proxy could not reach the host: try again later, or ask your IT team whether it may reach it.'
					: `Ask your IT team to allow ${target.hostname} through the proxy, or list it in NO_PROXY if it is reached directly.`,
				proxy.host,
			),
			retryable: status === 502 || status === 503 || status === 504,
		};
	}
	const hint = `Check the proxy in ${proxy.source}, or run with --no-proxy if ${target.hostname} is reached directly.`;
	if (code === 'ECONNREFUSED')
		return {
			error: new ProxyError(`Connection to the proxy at ${proxy.host} refused.`, hint, proxy.host),
			retryable: true,
		};
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
		return {
			error: new ProxyError(`Cannot resolve the proxy host ${proxy.host} (DNS lookup failed).`, hint, proxy.host),
			retryable: code === 'EAI_AGAIN',
		};
	return undefined;
}
