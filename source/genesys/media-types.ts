// The analytics media types (the API reference, §8.1): the one list queries, export flags and the emulator use.

export const analyticsMediaTypes = [
	'callback',
	'chat',
	'cobrowse',
	'email',
	'internalmessage',
	'message',
	'screenmonitoring',
	'screenshare',
	'unknown',
	'video',
	'voice',
] as const;

export type AnalyticsMediaType = (typeof analyticsMediaTypes)[number];

export function isAnalyticsMediaType(value: string): value is AnalyticsMediaType {
	return (analyticsMediaTypes as readonly string[]).includes(value);
}

/** The types with most traffic get a query partition each; the rest share one (see analytics.ts). */
export const ownPartitionMediaTypes: readonly AnalyticsMediaType[] = ['voice', 'chat', 'email', 'message'];
