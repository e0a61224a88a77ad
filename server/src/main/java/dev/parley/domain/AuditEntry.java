package dev.parley.domain;

/**
 * One line of the moderation history: at {@code ts}, {@code actor} did {@code action} ({@code
 * kick}, {@code ban}, {@code unban}, {@code mute}, {@code role}, {@code settings}, {@code delete})
 * in {@code room} to {@code user}, for {@code reason}; {@code detail} says the rest in a few words
 * (the role given, the settings set, the seq deleted, how long). Null fields do not apply.
 */
public record AuditEntry(
    long ts,
    Profile actor,
    String action,
    String room,
    Profile user,
    String reason,
    String detail) {}
