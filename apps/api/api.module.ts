import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LedgerSession } from '../runtime/ledger-session.service';
import { AuthGuard } from './auth/auth.guard';
import { CircularsController } from './controllers/circulars.controller';
import { HealthController } from './controllers/health.controller';
import { LedgerController } from './controllers/ledger.controller';
import { TokensController } from './controllers/tokens.controller';
import { ViewsController } from './controllers/views.controller';
import { HttpErrorsFilter } from './http-errors';
import { LedgerRuntime } from './ledger-runtime.service';
import { PagesController } from './pages/pages.controller';
import { SERVE_OPTIONS, type ServeOptions } from './serve-options';

/** The HTTP API and the web pages of `ledger serve` (SPEC.md section 11). */
@Module({})
export class ApiModule {
  static forRoot(options: ServeOptions): DynamicModule {
    return {
      module: ApiModule,
      controllers: [HealthController, ViewsController, CircularsController, LedgerController, TokensController, PagesController],
      providers: [
        { provide: SERVE_OPTIONS, useValue: options },
        LedgerSession,
        LedgerRuntime,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorsFilter },
      ],
    };
  }
}
