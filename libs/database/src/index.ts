export * from './common/page';
export * from './common/tenant-scoped.repository';
export * from './database.module';
export * from './structures/structure.repository';
export * from './structures/structure.schema';
export * from './structures/structures.persistence.module';
