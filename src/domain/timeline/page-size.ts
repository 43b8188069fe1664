// How many entries one page of `/incident timeline` shows: the use case pages by it and the
// view labels its Earlier/Later buttons by it, so it lives below both.

/** Entries on one page of `/incident timeline`. */
export const TIMELINE_PAGE_SIZE = 25;
