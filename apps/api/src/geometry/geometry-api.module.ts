import { Module } from '@nestjs/common';
import { GeometryController } from './geometry.controller';
import { GeometryModule } from '@modalflow/geometry';

/** Structures' geometries and the mode shapes drawn on them. */
@Module({
  imports: [GeometryModule],
  controllers: [GeometryController],
})
export class GeometryApiModule {}
