// Refused: mongoose outside a persistence/ folder.
import { Types } from 'mongoose';

export const newStructureId = (): string => new Types.ObjectId().toHexString();
