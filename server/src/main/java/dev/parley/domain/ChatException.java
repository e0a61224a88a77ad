package dev.parley.domain;

/**
 * A request the contract refuses. Carries the wire code and a sentence for people; it never
 * carries a cause, so nothing internal can reach a client through it.
 */
public final class ChatException extends RuntimeException {

  /** The contract's error codes, with their wire names. */
  public enum Code {
    BAD_REQUEST("bad_request"),
    HELLO_REQUIRED("hello_required"),
    INVALID_NICK("invalid_nick"),
    NICK_TAKEN("nick_taken"),
    INVALID_ROOM("invalid_room"),
    ROOM_EXISTS("room_exists"),
    NOT_FOUND("not_found"),
    FORBIDDEN("forbidden"),
    NOT_MEMBER("not_member"),
    TOO_LONG("too_long"),
    BAD_IMAGE("bad_image"),
    RATE_LIMITED("rate_limited"),
    /** Over a per-day allowance ({@code create} past the room quota). */
    QUOTA("quota"),
    /** Too many attempts of one kind (new users from one address); carries {@code retryAfter}. */
    SLOW_DOWN("slow_down"),
    /** A search that could not start or finish within its budget. */
    SEARCH_BUSY("search_busy"),
    INTERNAL("internal");

    private final String wire;

    Code(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  private final Code code;

  public ChatException(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
