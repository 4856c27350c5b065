// Text order for sorting rows. One shared collator: String.prototype.localeCompare builds a new one
// on every call, which made sorting thousands of queue names take hundreds of milliseconds.

export const compareText: (a: string, b: string) => number = new Intl.Collator().compare;
