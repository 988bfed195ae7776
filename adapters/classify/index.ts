export * from './jieba-tokenizer.js';
