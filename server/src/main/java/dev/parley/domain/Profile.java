package dev.parley.domain;

/**
 * Who said something, as every client sees it. Copied into each event so that a message keeps the
 * name its author had when it was sent.
 *
 * @param avatar an emoji or a generated-avatar key; null means "generate one from the id"
 */
public record Profile(String id, String nick, String avatar) {}
