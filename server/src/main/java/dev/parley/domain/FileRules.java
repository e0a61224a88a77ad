package dev.parley.domain;

import static dev.parley.domain.ChatException.Code.BAD_FILE;

/**
 * The rules of a file a {@code send} carries: it is one of this server's uploads that its sender
 * may show ({@link Images#verifyFile}), and a voice message (a file with a duration) is audio of at
 * most {@link Attachment#MAX_VOICE_SECONDS} seconds whose size fits that duration. The upload store
 * cannot measure a recording's length without decoding it, so the bound is on the claim and on the
 * bytes per second claimed: a voice message of an hour is refused either way.
 */
final class FileRules {
  private FileRules() {}

  /** The file as the store vouches for it, or {@code bad_file}. */
  static Attachment verified(Images images, Attachment claimed, String userId) {
    Attachment file =
        claimed.url() == null || images == null ? null : images.verifyFile(claimed, userId);
    if (file == null) throw new ChatException(BAD_FILE, "Attach a file uploaded to this server.");
    if (file.isVoice()) checkVoice(file);
    return file;
  }

  private static void checkVoice(Attachment file) {
    int seconds = file.duration();
    if (seconds < 1 || seconds > Attachment.MAX_VOICE_SECONDS)
      throw new ChatException(
          BAD_FILE,
          "A voice message lasts from 1 second to "
              + Attachment.MAX_VOICE_SECONDS / 60
              + " minutes.");
    if (file.type() == null || !file.type().startsWith("audio/"))
      throw new ChatException(BAD_FILE, "A voice message is an audio file.");
    if (file.size() == null || file.size() > (seconds + 1L) * Attachment.MAX_VOICE_BYTES_PER_SECOND)
      throw new ChatException(BAD_FILE, "This recording is too large for its duration.");
  }
}
