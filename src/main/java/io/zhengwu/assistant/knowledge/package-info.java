/**
 * The guides in knowledge/: loading and validation, the bilingual Lucene index, search with
 * confidence, answer text, guide pages, reload without downtime, evaluation. Public surface:
 * KnowledgeSearch (for the conversation), KnowledgeAdmin with ReloadReport, ValidationReport,
 * Problem and UnansweredQuestion (for the console), Language, SearchResult, and KnowledgeCommands
 * (the validate and eval commands).
 */
package io.zhengwu.assistant.knowledge;
