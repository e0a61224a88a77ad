package dev.parley.domain;

/**
 * What a push says of one message, to one user: the room (its name, and how the user's client names
 * it: {@code label}), the sender's nick now, an excerpt of the text, and why ({@code reason}:
 * {@code "mention"}, {@code "direct"}, {@code "thread"} or {@code "all"}). Only ever made for a
 * member of the room, who may read it.
 */
public record PushNote(
    String room, String label, long seq, String from, String excerpt, String reason) {}
