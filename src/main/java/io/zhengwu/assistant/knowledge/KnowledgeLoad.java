package io.zhengwu.assistant.knowledge;

/**
 * The outcome of reading the knowledge folder.
 *
 * @param base the knowledge base, or null when the checker found errors
 * @param report what the checker found
 */
record KnowledgeLoad(KnowledgeBase base, ValidationReport report) {
}
