import { Allow, IsDateString, IsInt, IsMongoId, IsOptional, IsString, Min } from 'class-validator';

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

/**
 * Body of a message on `data_processing`: process one resource of a job, in the job's round `round`.
 * The resource travels with the message: its inline `data` when that is at most
 * INLINE_DATA_MAX_BYTES of JSON, or the `url` of its data; when it has neither, its data is too large
 * for a message and is read from the stored resource.
 */
export class DataProcessingMessage {
  @IsMongoId()
  job_id: string;

  @IsInt()
  @Min(0)
  tenant_id: number;

  @IsOptional()
  @IsInt()
  user_id?: number;

  @IsInt()
  @Min(0)
  round: number;

  @IsString()
  resource_id: string;

  /** Position in the source index. */
  @IsInt()
  @Min(0)
  index: number;

  /** ISO 8601 in UTC, as Date#toISOString writes it; stored as it is with the outcome. */
  @IsDateString()
  creation_date: string;

  @IsOptional()
  @IsString()
  url?: string;

  @IsOptional()
  @Allow()
  data?: unknown;

  /** Environmental values by name; checked again by the worker (checkEnvironment). */
  @IsOptional()
  @Allow()
  environment?: unknown;
}

/** Inline resource data up to this size (JSON) travels in its `data_processing` message. */
export const INLINE_DATA_MAX_BYTES = 16 * 1024;

/** Whether a resource's inline data is small enough to travel in its message. */
export function fitsInMessage(data: unknown): boolean {
  return data !== undefined && Buffer.byteLength(JSON.stringify(data)) <= INLINE_DATA_MAX_BYTES;
}
