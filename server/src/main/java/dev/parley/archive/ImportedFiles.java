package dev.parley.archive;

import dev.parley.domain.Attachment;
import dev.parley.domain.Characters;
import dev.parley.uploads.FileTypes;
import dev.parley.uploads.UploadNames;
import java.util.function.ObjIntConsumer;

/**
 * The rules an imported message's file keeps, the ones a {@code send} could have made: a URL of
 * this server's uploads of a file (not an image), a name as the upload store cleans it, a size, the
 * type its URL is served with, and for a voice message a duration within the limit.
 */
final class ImportedFiles {
  private ImportedFiles() {}

  static void check(Attachment f, int line, ObjIntConsumer<String> refuse) {
    String upload = f.url() == null ? null : UploadNames.nameIn(f.url());
    FileTypes.Type type =
        upload == null
            ? null
            : FileTypes.Type.ofExtension(upload.substring(upload.lastIndexOf('.') + 1));
    if (type == null || !f.url().equals(UploadNames.URL_PREFIX + upload)) {
      refuse.accept(
          "the file is not one of this server's uploads (/uploads/ and a file name)", line);
      return;
    }
    String name = f.name();
    if (name != null
        && (!name.equals(UploadNames.cleanName(name)) || Characters.hasLoneSurrogate(name)))
      refuse.accept("the file's name is not one the server keeps", line);
    if (f.size() == null || f.size() < 1)
      refuse.accept("the file's size is not a number of bytes", line);
    if (!type.bareType().equals(f.type()))
      refuse.accept("the file's type is not " + type.bareType() + ", as its URL says", line);
    if (f.duration() != null
        && (f.duration() < 1
            || f.duration() > Attachment.MAX_VOICE_SECONDS
            || !type.bareType().startsWith("audio/")))
      refuse.accept(
          "a voice message is audio of 1 to " + Attachment.MAX_VOICE_SECONDS + " seconds", line);
  }
}
