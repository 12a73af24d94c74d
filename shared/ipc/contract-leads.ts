/** Leads in and the day's work (issue 6): imports, queue, follow-ups, merges. */
export const leadsRequests = {} as const;
export const leadsEvents = {} as const;
