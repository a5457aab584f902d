export * from './persistence/structure.repository';
export * from './persistence/structure.schema';
export * from './persistence/structures.persistence.module';
export * from './require-structure';
export * from './structure-input';
export * from './structure-parts';
export * from './structures.module';
export * from './structures.service';
