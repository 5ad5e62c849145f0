import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorShape } from './openapi-shapes';

/** The errors every route behind a credential can answer with, in the API's one error shape. */
export function ApiCommonErrors(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBadRequestResponse({ type: ErrorShape, description: 'a bad parameter or body, naming every offending field and the reason' }),
    ApiUnauthorizedResponse({ type: ErrorShape, description: 'no valid bearer token (unless the server runs with --demo, for reads)' }),
    ApiForbiddenResponse({ type: ErrorShape, description: "the credential's role may not do this" }),
  );
}
