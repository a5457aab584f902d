import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { mongoConfig, MongoConfig } from '@modalflow/config';
import { Structure, StructureSchema } from './structure.schema';
import { StructureRepository } from './structure.repository';

@Module({
  imports: [
    MongooseModule.forFeatureAsync([
      {
        name: Structure.name,
        inject: [mongoConfig.KEY],
        useFactory: (config: MongoConfig) =>
          StructureSchema.clone().set('collection', config.collections.structures),
      },
    ]),
  ],
  providers: [StructureRepository],
  exports: [StructureRepository],
})
export class StructuresPersistenceModule {}
