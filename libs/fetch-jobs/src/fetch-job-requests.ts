import type { FetchJobStatus, ResourceStatus } from './fetch-job-status';
import { type PageRequest } from '@modalflow/database';

/** A fetch job as a client asks for it (the API's DTO is a checked instance of it). */
export interface NewFetchJob {
  sourceUrl: string;
  structureId?: string;
  maxAttempts?: number;
}

export interface FetchJobFilter extends PageRequest {
  status?: FetchJobStatus;
}

export interface ResourceFilter extends PageRequest {
  status?: ResourceStatus;
}
