import { ArgumentsHost, BadRequestException, Catch, HttpException, Logger, type ExceptionFilter, type ValidationError } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { CredentialError } from '../../libs/credentials';
import { FactForbiddenError, FactRejectedError, LedgerConflictError, StaleDecisionError } from '../../libs/ledger';
import { AppendTooLargeError, StoreError, StoreUrlError } from '../../libs/store';
import { FactValidationError } from '../../libs/validation';
import { CircularRequestError, DocumentNumberError, UnknownUnitError } from '../../projections';
import { UnknownCircularError } from '../circulars/circular-desk';
import { AsOfError } from '../projections/scoring-projection';
import { PublishedTableError } from '../runtime/published-table';
import { errorPage } from './pages/error-page';

/** Every error body: the status, one line naming the field and the reason, and each field's problem. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errors?: Array<{ field: string; reason: string }>;
}

/** The 400 a request DTO's validation gives: every offending field, named by its path. */
export function requestValidationError(errors: ValidationError[]): BadRequestException {
  const fields: Array<{ field: string; reason: string }> = [];
  const walk = (list: ValidationError[], prefix: string) => {
    for (const error of list) {
      const field = `${prefix}${error.property}`;
      // Two constraints may give one reason (a missing string is neither a string nor non-empty): say it once.
      for (const reason of new Set(Object.values(error.constraints ?? {}))) fields.push({ field, reason });
      walk(error.children ?? [], `${field}.`);
    }
  };
  walk(errors, '');
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: fields.map((f) => `${f.field}: ${f.reason}`).join('; '), errors: fields });
}

/** Maps the domain's typed errors to HTTP statuses (STYLE.md: the edge does the mapping). */
@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const body = this.bodyOf(exception);
    if (body.statusCode === 401 && request.method === 'GET' && isPage(request.path)) {
      // a person at a page is sent to sign in, and back afterwards
      response.redirect(303, `/signin?next=${encodeURIComponent(request.originalUrl)}`);
      return;
    }
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    // A page's handler may have set text/html already: the body is sent as what it is, never as markup.
    if (isPage(request.path)) response.status(body.statusCode).type('html').send(errorPage(body));
    else response.status(body.statusCode).type('application/json').send(JSON.stringify(body));
  }

  private bodyOf(exception: unknown): ErrorBody {
    // body-parser's bad JSON, which the Express adapter hands on as a BadRequestException caused by it
    const cause = exception instanceof HttpException ? (exception.cause as { type?: unknown; message?: unknown } | undefined) : undefined;
    // body-parser's body over the limit, however the adapter hands it on
    const tooLarge = (cause ?? exception) as { type?: unknown; limit?: unknown; length?: unknown };
    if (tooLarge.type === 'entity.too.large' && typeof tooLarge.limit === 'number') {
      const reason = `is ${typeof tooLarge.length === 'number' ? `${tooLarge.length} bytes, ` : ''}over the limit of ${tooLarge.limit} bytes (LEDGER_BODY_LIMIT); send fewer facts at a time`;
      return { statusCode: 413, error: 'Payload Too Large', message: `(body): ${reason}`, errors: [{ field: '(body)', reason }] };
    }
    if (cause?.type === 'entity.parse.failed') {
      const reason = `is not valid JSON (${String(cause.message)})`;
      return { statusCode: 400, error: 'Bad Request', message: `(body): ${reason}`, errors: [{ field: '(body)', reason }] };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null && 'errors' in payload) return payload as ErrorBody;
      const message = typeof payload === 'string' ? payload : String((payload as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
    }
    if (exception instanceof FactValidationError) return { statusCode: 400, error: 'Bad Request', message: exception.message, errors: [...exception.errors] };
    if (exception instanceof FactForbiddenError) return { statusCode: 403, error: 'Forbidden', message: `${exception.field}: ${exception.reason}`, errors: [{ field: exception.field, reason: exception.reason }] };
    if (exception instanceof FactRejectedError) return { statusCode: 400, error: 'Bad Request', message: exception.message, errors: exception.all().map(({ field, reason }) => ({ field, reason })) };
    if (exception instanceof UnknownCircularError) return { statusCode: 404, error: 'Not Found', message: exception.message };
    if (exception instanceof UnknownUnitError) return { statusCode: 404, error: 'Not Found', message: exception.message.replace(/^--/, '') }; // the CLI names the flag, the API the parameter
    if (exception instanceof CircularRequestError && exception.field !== undefined && exception.reason !== undefined) {
      // The body's own field, not the CLI's flag the message names.
      return { statusCode: 400, error: 'Bad Request', message: `${exception.field}: ${exception.reason}`, errors: [{ field: exception.field, reason: exception.reason }] };
    }
    if (
      exception instanceof AsOfError ||
      exception instanceof CircularRequestError ||
      exception instanceof DocumentNumberError ||
      exception instanceof PublishedTableError ||
      exception instanceof CredentialError ||
      exception instanceof StoreUrlError
    ) {
      return { statusCode: 400, error: 'Bad Request', message: exception.message.replace(/^--/, '') };
    }
    if (exception instanceof LedgerConflictError || exception instanceof StaleDecisionError) return { statusCode: 409, error: 'Conflict', message: exception.message };
    if (exception instanceof AppendTooLargeError) return { statusCode: 413, error: 'Payload Too Large', message: `store: ${exception.message}` };
    if (exception instanceof StoreError) return { statusCode: 503, error: 'Service Unavailable', message: `store: ${exception.message}` };
    const status = (exception as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser's own errors (413 entity too large, 400 bad JSON) arrive as plain errors with a status
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: exception instanceof Error ? exception.message : String(exception) };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error' };
  }
}

/** The web pages, as opposed to the API, its documentation and the health check. */
function isPage(path: string): boolean {
  return !/^\/(api|health)(\/|$)/.test(path);
}
