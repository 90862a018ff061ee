import { ArgumentsHost, Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { AppError } from './app-error';

/**
 * Expected failures (denials, bad input, conflicts) pass straight to the GraphQL error formatter
 * without being logged as server errors; unexpected ones still are (formatGraphQLError).
 */
@Catch(AppError)
export class AppErrorFilter implements GqlExceptionFilter {
  catch(exception: AppError, _host: ArgumentsHost): AppError {
    return exception;
  }
}
