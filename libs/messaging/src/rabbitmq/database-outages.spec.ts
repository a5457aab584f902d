import { mongo } from 'mongoose';
import { retryingDatabaseOutages } from './database-outages';
import { DependencyUnavailableError } from './dependency-unavailable.error';

describe('retryingDatabaseOutages', () => {
  it('turns an unreachable database into DependencyUnavailableError', async () => {
    const refused = new mongo.MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017');
    await expect(retryingDatabaseOutages(() => Promise.reject(refused))).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    const cut = new mongo.MongoBulkWriteError({ message: 'connection closed', code: 6, writeErrors: [] }, {
      insertedCount: 0,
    } as never);
    await expect(retryingDatabaseOutages(() => Promise.reject(cut))).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
  });

  it('leaves every other error, and a refused document, as it is', async () => {
    const bug = new TypeError('x is undefined');
    await expect(retryingDatabaseOutages(() => Promise.reject(bug))).rejects.toBe(bug);
    const duplicate = new mongo.MongoBulkWriteError(
      { message: 'E11000', code: 11000, writeErrors: [{ index: 0, code: 11000, errmsg: 'E11000' }] as never },
      { insertedCount: 0 } as never,
    );
    await expect(retryingDatabaseOutages(() => Promise.reject(duplicate))).rejects.toBe(duplicate);
    await expect(retryingDatabaseOutages(async () => 7)).resolves.toBe(7);
  });
});
