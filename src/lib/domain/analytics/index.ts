/** Pure analytics: percentiles, ISO weeks, the period, hex bins, repeat places, CSV, the report. */
export * from './percentile';
export * from './weeks';
export * from './period';
export * from './hex';
export * from './places';
export * from './csv';
export * from './report';
export * from './export';
export * from './scale';
export * from './format';
