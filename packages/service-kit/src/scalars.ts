import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isoDate, isoDateTime } from './iso-dates.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD`, carried as a JS Date at UTC midnight (how Prisma maps `@db.Date`). */
export const DateScalar = new GraphQLScalarType<Date, string>({
  name: 'Date',
  description: 'ISO-8601 calendar date, YYYY-MM-DD',
  serialize(value) {
    if (value instanceof Date) return isoDate(value);
    if (typeof value === 'string' && ISO_DATE.test(value)) return value;
    throw new GraphQLError('Date cannot represent this value');
  },
  parseValue(value) {
    return parseDate(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

function parseDate(value: unknown): Date {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const date = match ? new Date(`${value}T00:00:00.000Z`) : null;
  // Round-trip check rejects dates like 2026-02-30 that Date would roll over.
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(
      `Date must be a real calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  }
  return date;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO-8601 timestamp with an offset; always serialized in UTC. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO-8601 timestamp with offset, e.g. 2026-11-21T10:15:00.000Z',
  serialize(value) {
    if (value instanceof Date) return isoDateTime(value);
    if (typeof value === 'string') return isoDateTime(parseDateTime(value));
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue(value) {
    return parseDateTime(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string');
    return parseDateTime(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(
      `DateTime must be ISO-8601 with an offset, got ${JSON.stringify(value)}`,
    );
  }
  return date;
}
