import { Module } from '@nestjs/common';
import { StructuresController } from './structures.controller';
import { StructuresModule } from '@modalflow/structures';

@Module({
  imports: [StructuresModule],
  controllers: [StructuresController],
})
export class StructuresApiModule {}
