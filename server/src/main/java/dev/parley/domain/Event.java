package dev.parley.domain;

/**
 * One entry of a room's append-only log. The store gives it the room's next {@code seq} in the
 * transaction that writes it; before that the event is a draft with seq 0.
 */
public sealed interface Event permits Message, Notice {
  String room();

  long seq();

  long ts();

  /** The same event with the seq the store assigned. */
  Event withSeq(long seq);
}
