export { structureName } from './structure-name';
export { newStructureId } from './structure-id';
