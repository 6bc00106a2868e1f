export * from './catalog-stack';
export * from './launch-role';
export * from './product-stack';
export * from './region-guard';
export * from './sfx-config-rules';
export * from './termination';
