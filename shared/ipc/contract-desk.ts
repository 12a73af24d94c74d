/** The desktop app around the console (issue 7): settings screens, diagnostics, OS links. */
export const deskRequests = {} as const;
export const deskEvents = {} as const;
