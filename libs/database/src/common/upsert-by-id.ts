import type { Collection, mongo } from 'mongoose';
import { isDuplicateKey } from './duplicate-key';

/**
 * An update by `_id` that creates the document when missing. Two first writers may race to insert
 * it; the loser's duplicate-key error is answered by doing its update again (now an update). With
 * `returning`, it answers the document as updated (for small documents: it comes back whole).
 */
export async function upsertById<T extends { _id: string }>(
  collection: Collection<T>,
  id: string,
  update: mongo.UpdateFilter<T>,
  options: { returning: boolean } = { returning: false },
): Promise<mongo.WithId<T> | null> {
  const filter = { _id: id } as mongo.Filter<T>;
  const write = () =>
    options.returning
      ? collection.findOneAndUpdate(filter, update, { upsert: true, returnDocument: 'after' })
      : collection.updateOne(filter, update, { upsert: true }).then(() => null);
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return write();
  }
}
