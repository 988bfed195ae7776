/** Splits text into words: Chinese by a segmenter (jieba), English and digits as they stand. */
export interface Tokenizer {
  cut(text: string): string[];
}
