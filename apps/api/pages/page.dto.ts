import { IsNotEmpty, IsOptional, IsString, Matches } from 'class-validator';
import { AsOfQuery } from '../query.dto';

export class HomeQuery extends AsOfQuery {
  @IsOptional()
  @Matches(/^(\d{4})?$/, { message: 'must be a year (YYYY)' })
  year?: string;

  @IsOptional()
  @IsString()
  circular?: string;
}

export class UnitPageQuery extends AsOfQuery {
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'must be a year (YYYY)' })
  year?: string;
}

export class SignInBody {
  @IsString({ message: 'must be the access token' })
  @IsNotEmpty({ message: 'must be the access token' })
  token!: string;

  @IsOptional()
  @IsString()
  next?: string;
}
