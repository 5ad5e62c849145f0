import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from './api.module';
import { requestValidationError } from './http-errors';
import type { ServeOptions } from './serve-options';

/**
 * The application `ledger serve` listens with (and the e2e tests drive): request DTOs whitelisted
 * (unknown fields are a 400), JSON and CSV bodies up to the limit (413 beyond), OpenAPI at
 * /api/docs and /api/docs-json.
 */
export async function createApp(options: ServeOptions, logger: false | Array<'log' | 'error' | 'warn'> = ['error', 'warn']): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(options), { logger, bodyParser: false });
  // Not strict: a body of null or 42 is JSON, and is then refused as no fact, naming what it is.
  app.useBodyParser('json', { limit: options.bodyLimit, strict: false });
  app.useBodyParser('urlencoded', { limit: options.bodyLimit, extended: false });
  app.useBodyParser('text', { limit: options.bodyLimit, type: ['text/csv', 'text/plain'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: false, exceptionFactory: requestValidationError }));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('政务信息考核台账 API')
      .setDescription('The ledger of SPEC.md section 11: facts, score views as of any position, circulars, settlement, reconciliation.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque token from `ledger token create`' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
