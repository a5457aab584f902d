// Refused: a kernel library naming a feature.
import { structureName } from '../../structures/src/index';

export const databaseName = structureName(' modalflow ');
