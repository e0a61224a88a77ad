package dev.parley.domain;

/**
 * A request the contract refuses. Carries the wire code and a sentence for people; it never carries
 * a cause, so nothing internal can reach a client through it.
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
    /** A {@code send} whose file is not this server's upload, or a voice message out of bounds. */
    BAD_FILE("bad_file"),
    RATE_LIMITED("rate_limited"),
    /** Over a per-day allowance ({@code create} past the room quota). */
    QUOTA("quota"),
    /** Too many attempts of one kind (new users from one address); carries {@code retryAfter}. */
    SLOW_DOWN("slow_down"),
    /** A search that could not start or finish within its budget. */
    SEARCH_BUSY("search_busy"),
    /** A token whose session was revoked or expired ({@code --session-idle}). */
    SESSION_REVOKED("session_revoked"),
    /** A sign-in code that is unknown, used or expired. */
    BAD_CODE("bad_code"),
    /** A password under 8 or over 256 characters, or on the list of common passwords. */
    WEAK_PASSWORD("weak_password"),
    /** A wrong password, or a password for a nick that someone else holds without one. */
    BAD_CREDENTIALS("bad_credentials"),
    /** The user is banned from the whole server. */
    BANNED("banned"),
    /** A {@code send} from someone muted in the room; carries {@code until}. */
    MUTED("muted"),
    /** A {@code send} into a read-only room from someone below moderator. */
    READ_ONLY("read_only"),
    /** {@code --registration invite}: a new user needs an invite code. */
    INVITE_REQUIRED("invite_required"),
    /** An invite code that is unknown, expired or used up. */
    BAD_INVITE("bad_invite"),
    /** A {@code send} whose {@code replyTo} names no message of the room. */
    BAD_REPLY("bad_reply"),
    /** A {@code send} whose {@code thread} names no message of the room, or a thread's reply. */
    BAD_THREAD("bad_thread"),
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
  private final long retryAfter;

  /** A {@code nick_taken} for a nick whose holder can sign in with a password or passkey. */
  private final boolean nickProtected;

  /** When a mute or room ban ends (ms), or null. */
  private Long until;

  /** The moderator's or administrator's reason for a ban or mute, or null. */
  private String reason;

  /** The server's load refused it, not the asker's tries: asked again, it keeps its place. */
  private boolean busy;

  public ChatException(Code code, String message) {
    this(code, message, 0);
  }

  /**
   * A refusal that says when to try again ({@code slow_down}): {@code retryAfterSeconds} above 0.
   */
  public ChatException(Code code, String message, long retryAfterSeconds) {
    this(code, message, retryAfterSeconds, false);
  }

  /** As above; {@code nickProtected}: the error frame carries {@code protected: true}. */
  public ChatException(Code code, String message, long retryAfterSeconds, boolean nickProtected) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfter = retryAfterSeconds;
    this.nickProtected = nickProtected;
  }

  /** This refusal, saying when it ends ({@code muted}, {@code banned}). */
  public ChatException until(Long until) {
    this.until = until;
    return this;
  }

  /**
   * This refusal, with the reason a moderator or administrator gave ({@code banned}, {@code
   * muted}): a field of its own, so a client shows it inside a sentence of its reader's language.
   */
  public ChatException reason(String reason) {
    this.reason = reason;
    return this;
  }

  /**
   * This refusal, marked as the server being busy ({@code busy: true}): a client may ask again by
   * itself after {@code retryAfter}, on the same connection, instead of telling its user they tried
   * too often.
   */
  public ChatException becauseBusy() {
    this.busy = true;
    return this;
  }

  public Code code() {
    return code;
  }

  /** Seconds to wait before asking again, or 0 when the refusal does not say. */
  public long retryAfter() {
    return retryAfter;
  }

  /** The {@code error} frame answering the request {@code ref} with this refusal. */
  public Out.Error frame(String ref) {
    return new Out.Error(
        ref,
        code.wire(),
        getMessage(),
        retryAfter > 0 ? retryAfter : null,
        nickProtected,
        until,
        reason,
        busy);
  }
}
