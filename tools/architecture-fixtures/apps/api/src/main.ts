// Refused: an app reaching past a library's index.
import { structureName } from '../../../libs/structures/src/structure-name';
import { databaseName } from '../../../libs/database/src/index';
import { contractName } from '../../../libs/contracts/src/index';

export const names = [structureName('api'), databaseName, contractName];
