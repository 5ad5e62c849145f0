import type { CircularContent, MonthlyView, TableRow, TableView } from '../../projections';

/**
 * Small views and circular contents written out by hand, with figures from the source's 2017
 * table, so that each rendering test can say exactly which cell it expects.
 */
export function row(unit: string, figures: Omit<TableRow, 'unitId' | 'unit' | 'total'> & { total?: number }): TableRow {
  return { unitId: `u-${unit}`, unit, ...figures, total: figures.total ?? figures.cityPoints + figures.bonus };
}

export function handBuiltTable(): TableView {
  return {
    year: 2017,
    asOf: { position: 42, recordedAt: '2018-01-15T09:30:00.000Z' },
    scheme: { id: 'yuxi-2017', version: 2 },
    groups: [
      {
        key: 'county',
        title: '各县区人民政府',
        rows: [
          row('新平县', { target: 700, cityAdopted: 129, cityPoints: 991, provincialAdopted: 23, bonus: 460, rank: 1 }),
          row('江川区', { target: 500, cityAdopted: 76, cityPoints: 568, provincialAdopted: 0, bonus: 0, rank: 2 }),
        ],
      },
      {
        key: 'city_department',
        title: '市政府组成部门、直属机构及列入全市综合考评的单位',
        rows: [
          row('市发展改革委', { target: 400, cityAdopted: 33, cityPoints: 308, provincialAdopted: 2, bonus: 65, rank: 1 }),
          row('市<script>局|试点', { target: 100, cityAdopted: 3, cityPoints: 23, provincialAdopted: 0, bonus: -20, rank: 2 }),
        ],
      },
      {
        key: 'central_provincial',
        title: '中央、省驻玉单位',
        rows: [row('市地税局', { target: 300, cityAdopted: 0, cityPoints: 0, provincialAdopted: 0, bonus: 0, rank: 1 })],
      },
      {
        key: 'other',
        title: '其他单位',
        rows: [row('市委编办', { target: null, cityAdopted: 12, cityPoints: 130, provincialAdopted: 1, bonus: 30, rank: null })],
      },
    ],
  };
}

export function handBuiltMonthly(): MonthlyView {
  const table = handBuiltTable();
  return {
    ...table,
    month: '2017-03',
    groups: table.groups.map((g) => ({ ...g, rows: g.rows.map((r) => ({ ...r, target: null })) })),
    zeroAdoption: [
      { unitId: 'u-市地税局', unit: '市地税局', group: 'central_provincial' },
      { unitId: 'u-市政府研究室', unit: '市政府研究室', group: 'city_department' },
    ],
  };
}

const BELOW_TARGET = [
  { unitId: 'u-市发展改革委', unit: '市发展改革委', group: 'city_department', target: 400, achieved: 373 },
  { unitId: 'u-市环境保护局', unit: '市环境保护局', group: 'city_department', target: 300, achieved: 196 },
  { unitId: 'u-市地税局', unit: '市地税局', group: 'central_provincial', target: 300, achieved: 121 },
];

const BASE = { period: '2017', asOf: { position: 42 }, scheme: { id: 'yuxi-2017', version: 2 } };

export function annualCircular(belowTarget = BELOW_TARGET): CircularContent {
  return { ...BASE, kind: 'annual', document: { issuer: '玉政办发', year: 2018, number: 3 }, issueDate: '2018-01-16', received: 8547, adopted: 2427, belowTarget, table: handBuiltTable() };
}

export function failingCircular(belowTarget = BELOW_TARGET): CircularContent {
  return { ...BASE, kind: 'failing', document: { issuer: '玉政办发', year: 2018, number: 50 }, issueDate: '2018-01-23', belowTarget };
}

export function assessmentCircular(): CircularContent {
  return { ...BASE, kind: 'assessment', document: { issuer: '玉政办发', year: 2018, number: 51 }, issueDate: '2018-01-24', assessment: BELOW_TARGET.map((u) => ({ ...u, deduction: -1 })) }; // as the 2017 scheme records it: signed points
}

export function monthlyCircular(): CircularContent {
  const monthly = handBuiltMonthly();
  return { ...BASE, period: '2017-03', kind: 'monthly', document: { issuer: '玉政办发', year: 2017, number: 12 }, issueDate: '2017-04-05', monthly };
}
