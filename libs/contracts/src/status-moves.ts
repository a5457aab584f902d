/**
 * A feature's allowed status moves, by the status moved to: the statuses it may be reached from.
 * Each feature keeps one such table beside its statuses, and its status-changes service moves
 * documents only along it.
 */
export type StatusMoves<S extends string> = Readonly<Record<S, readonly S[]>>;

/**
 * The statuses from which `to` may be reached, narrowed to `from` when the caller gives them;
 * throws (a programming error, never a client's) on a move the table forbids.
 */
export function movesInto<S extends string>(moves: StatusMoves<S>, to: S, from?: readonly S[]): readonly S[] {
  const allowed = moves[to];
  const refused = from?.filter((status) => !allowed.includes(status)) ?? [];
  if (refused.length) throw new Error(`no move from ${refused.join(', ')} to ${to}`);
  return from ?? allowed;
}
