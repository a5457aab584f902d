export * from './geometry.module';
export * from './geometry.service';
export * from './mode-shapes-3d';
export * from './persistence/structure-geometry.repository';
