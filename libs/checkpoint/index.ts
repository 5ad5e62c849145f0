export * from './checkpoint-file';
