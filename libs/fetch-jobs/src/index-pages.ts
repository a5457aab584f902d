/**
 * A job's index is stored and counted in pages of INDEX_PAGE_SIZE consecutive entries: page `n`
 * holds indexes `n * INDEX_PAGE_SIZE` to `(n + 1) * INDEX_PAGE_SIZE - 1`, in the index pages, the
 * ledger pages and the round's per-page counts alike.
 */
export const INDEX_PAGE_SIZE = 500;

/** The page that holds the entry at `index`. */
export const indexPageOf = (index: number): number => Math.floor(index / INDEX_PAGE_SIZE);

/** How many pages `entries` entries fill. */
export const indexPageCount = (entries: number): number => Math.ceil(entries / INDEX_PAGE_SIZE);
