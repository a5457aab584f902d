import { Module } from '@nestjs/common';
import { UploadsController } from './uploads.controller';
import { UploadsModule } from '@modalflow/uploads';

@Module({
  imports: [UploadsModule],
  controllers: [UploadsController],
})
export class UploadsApiModule {}
