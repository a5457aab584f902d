import { Types } from 'mongoose';

/** A new document id: an ObjectId's 24 hex digits, as the API shows ids and checks them. */
export const newDocumentId = (): string => new Types.ObjectId().toHexString();
