import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FetchResource, FetchResourceSchema } from './fetch-resource.schema';
import { FetchResourceRepository } from './fetch-resource.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: FetchResource.name, schema: FetchResourceSchema }])],
  providers: [FetchResourceRepository],
  exports: [FetchResourceRepository],
})
export class FetchResourcesPersistenceModule {}
