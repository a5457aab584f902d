import { IsInt, IsMongoId, IsOptional, IsString, Min } from 'class-validator';

/** Body of a message on `start_fetch`: fetch the source of one job. */
export class StartFetchMessage {
  @IsMongoId()
  job_id: string;

  @IsInt()
  @Min(0)
  tenant_id: number;

  @IsInt()
  @Min(0)
  user_id: number;
}

/** Body of a message on `data_processing`: process one resource of a job. */
export class DataProcessingMessage {
  @IsMongoId()
  job_id: string;

  @IsInt()
  @Min(0)
  tenant_id: number;

  @IsString()
  resource_id: string;

  @IsOptional()
  @IsInt()
  user_id?: number;
}
