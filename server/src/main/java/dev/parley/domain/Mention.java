package dev.parley.domain;

/**
 * One person a message mentions: the user id it was meant for and the name as written after the
 * {@code @} in the text. Carried by id so that a mention keeps reaching the person it was meant for
 * after they rename, and never reaches whoever takes their old name.
 */
public record Mention(String id, String nick) {}
