/** The softphone reporting its calls and presence to the services (issue 4). */
export const callsRequests = {} as const;
export const callsEvents = {} as const;
