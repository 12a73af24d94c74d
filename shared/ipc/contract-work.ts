/** Zone 9's six actions and booking (issue 5). */
export const workRequests = {} as const;
export const workEvents = {} as const;
