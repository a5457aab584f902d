import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter turns any error into "Internal server error"; the work-queue transport
 * needs the original error to decide between retry and dead letter and to record why a job failed.
 */
@Catch()
export class RethrowRpcErrorsFilter implements RpcExceptionFilter<Error> {
  catch(exception: Error, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
