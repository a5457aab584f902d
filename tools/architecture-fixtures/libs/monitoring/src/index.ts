export { RULE_COLLECTION } from './deep-import';
