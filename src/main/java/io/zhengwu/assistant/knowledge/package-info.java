/**
 * The guides in knowledge/: loading and validation, the bilingual Lucene index, search with confidence, answer text, evaluation. Public surface: KnowledgeSearch, Language, SearchResult.
 */
package io.zhengwu.assistant.knowledge;
