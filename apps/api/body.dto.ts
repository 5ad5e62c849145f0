import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES } from '../../libs/credentials';
import { CIRCULAR_KINDS } from '../../events';

/** `POST /api/circulars`: the flags of `ledger circular issue`. */
export class IssueCircularBody {
  @ApiProperty({ enum: CIRCULAR_KINDS })
  @IsIn(CIRCULAR_KINDS, { message: `must be one of ${CIRCULAR_KINDS.join(', ')}` })
  kind!: (typeof CIRCULAR_KINDS)[number];

  @ApiProperty({ example: '2017', description: 'YYYY; for a monthly circular YYYY-MM, or a quarter (YYYY-Q1) or merged months (YYYY-01/02)' })
  @Matches(/^\d{4}(-((0[1-9]|1[0-2])(\/(0[1-9]|1[0-2]))?|Q[1-4]))?$/, { message: 'must be a year (YYYY), a month (YYYY-MM), a quarter (YYYY-Q1) or merged months (YYYY-01/02)' })
  period!: string;

  @ApiProperty({ example: '玉政办发〔2018〕50号' })
  @IsString({ message: 'must be a document number such as 玉政办发〔2018〕50号' })
  @IsNotEmpty({ message: 'must be a document number such as 玉政办发〔2018〕50号' })
  number!: string;

  @ApiProperty({ example: '2018-01-23' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'must be a date (YYYY-MM-DD)' })
  date!: string;

  @ApiPropertyOptional({ type: [String], description: "the office's own paragraphs after what the ledger derives (ledger circular issue --paragraph), e.g. the rectification and its deadline" })
  @IsOptional()
  @IsArray({ message: 'must be a list of paragraphs' })
  @IsString({ each: true, message: 'must be a list of paragraphs (strings)' })
  paragraphs?: string[];

  @ApiPropertyOptional({ type: [String], description: 'the titles of the documents the office attaches, in order (ledger circular issue --attachment), printed 附件：1．…', example: ['领导批示抄清'] })
  @IsOptional()
  @IsArray({ message: 'must be a list of attachment titles' })
  @IsString({ each: true, message: 'must be a list of attachment titles (strings)' })
  attachments?: string[];

  @ApiPropertyOptional({ description: 'the disclosure note printed under the date (ledger circular issue --disclosure)', example: '此件公开发布' })
  @IsOptional()
  @IsString({ message: 'must be the disclosure note (a string)' })
  disclosure?: string;
}

/** `POST /api/tokens`: the flags of `ledger token create`. */
export class CreateTokenBody {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `must be one of ${ROLES.join(', ')}` })
  role!: (typeof ROLES)[number];

  @ApiProperty({ example: '信息科 张三' })
  @IsString({ message: 'must name who holds the token' })
  @IsNotEmpty({ message: 'must name who holds the token' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  name!: string;
}
