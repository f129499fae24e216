import { conditionIf, inList, whereClause } from '../../../src/store/sql-where';

describe('whereClause', () => {
  it('is empty when no filter is set', () => {
    expect(whereClause([inList('state', undefined), inList('state', []), conditionIf('a = ?', undefined)])).toEqual({ where: '', params: [] });
  });

  it('joins the conditions set with AND and keeps their values in placeholder order', () => {
    const clause = whereClause([inList('state', ['queued', 'issued']), conditionIf('card_serial = ?', undefined), conditionIf('created_at >= ?', 0), conditionIf('created_at < ?', 5)]);
    expect(clause).toEqual({ where: 'WHERE state IN (?, ?) AND created_at >= ? AND created_at < ?', params: ['queued', 'issued', 0, 5] });
  });

  it('treats 0 and the empty string as set values, not as missing filters', () => {
    expect(whereClause([conditionIf('n = ?', 0), conditionIf('s = ?', '')])).toEqual({ where: 'WHERE n = ? AND s = ?', params: [0, ''] });
  });

  it('gives one placeholder per listed value', () => {
    expect(inList('state', ['a'])).toEqual({ sql: 'state IN (?)', params: ['a'] });
  });
});
