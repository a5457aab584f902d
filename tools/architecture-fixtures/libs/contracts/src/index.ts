// Refused: contracts imports no other library.
import { configName } from '../../config/src/index';

export const contractName = configName;
