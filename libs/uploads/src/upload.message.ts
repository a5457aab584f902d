import { IsInt, IsMongoId, Min } from 'class-validator';

/** Body of a message on `upload`: check, summarise and store one uploaded recording. */
export class UploadMessage {
  @IsMongoId()
  upload_id: string;

  @IsMongoId()
  structure_id: string;

  @IsInt()
  @Min(0)
  tenant_id: number;

  @IsInt()
  @Min(0)
  user_id: number;
}
