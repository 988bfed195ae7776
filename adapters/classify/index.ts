export * from './jieba-tokenizer.js';
export * from './mixed-tokenizer.js';
export * from './read-labelled-csv.js';
export * from './triage-model-holder.js';
export * from './shipped-corpus.js';
