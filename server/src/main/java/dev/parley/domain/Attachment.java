package dev.parley.domain;

/**
 * A file of any type attached to a message (an image is an {@link Image}): the url is one that this
 * server's upload endpoint returned, the size and type are the ones the upload store measured, and
 * the name is the one its uploader gave, cleaned. An audio file with a {@code duration} (whole
 * seconds) is a voice message.
 */
public record Attachment(String url, String name, Long size, String type, Integer duration) {

  /** The longest voice message, in seconds. */
  public static final int MAX_VOICE_SECONDS = 300;

  /**
   * Bytes a voice message may spend per second of its claimed duration (256 kbit/s, eight times
   * what the web client records at): so a short duration cannot label an hour of audio.
   */
  public static final long MAX_VOICE_BYTES_PER_SECOND = 32 * 1024;

  /** Whether it claims to be a voice message. */
  public boolean isVoice() {
    return duration != null;
  }

  /** The same file claimed as {@code name} with {@code duration}, as a {@code send} carries it. */
  public static Attachment claimed(String url, String name, Integer duration) {
    return new Attachment(url, name, null, null, duration);
  }
}
