// What the page tells the user when counts cannot be stored as usual, or stored records
// cannot be read. Words only. Imports nothing.

export const MEMORY_ONLY =
  'Counts are kept in memory only and are lost when this page closes: export them first.';

export const BLOCKED_MESSAGE =
  'Another LocalSight tab runs an older version: close it so the counts can be opened.';

/** Opening the database took longer than `ms`. */
export const slowOpenMessage = (ms: number): string =>
  `The counts database did not open within ${Math.round(ms / 1000)} s: another LocalSight ` +
  'tab may be holding it. Counting goes on in memory and is saved as soon as the database ' +
  'opens; until then the counts are lost if this page closes, so export them first.';

/** Saving to the database has not ended within `ms`. */
export const slowWriteMessage = (ms: number): string =>
  `The browser has not finished saving the counts after ${Math.round(ms / 1000)} s: its ` +
  'storage is not answering. Counting goes on in memory and is saved as soon as it answers; ' +
  'until then the counts since the last save are lost if this page closes. If this stays, ' +
  'close and reopen the browser.';

/** `n` stored records failed validation on read. */
export const unreadableMessage = (n: number): string =>
  `${n === 1 ? '1 stored count record' : `${n} stored count records`} could not be read ` +
  `(wrong types or shape) and ${n === 1 ? 'is' : 'are'} left out of today’s figures, the ` +
  `history and exports. ${n === 1 ? 'It is' : 'They are'} kept as stored, neither repaired ` +
  'nor deleted: the Privacy view’s inspector shows what is there.';

/** `n` unreadable records were moved aside to make room for new counts. */
export const movedAsideMessage = (n: number): string =>
  `${n === 1 ? 'A stored count record' : `${n} stored count records`} that could not be ` +
  `read ${n === 1 ? 'was' : 'were'} moved aside unchanged (keys starting “unreadable|”), ` +
  'so new counts could be saved in their place.';

/** Counts held in memory reached the database; `visits` of them. */
export const savedAgainMessage = (visits: number): string =>
  'The counts are saved to this device again' +
  (visits > 0
    ? `: ${visits === 1 ? '1 visit' : `${visits} visits`} counted in memory meanwhile ` +
      `${visits === 1 ? 'is' : 'are'} now stored.`
    : '.');
