package dev.parley.archive;

/**
 * The (author, client id) pairs of a file's messages so far, to find one used twice before anything
 * is written: the database keeps them unique, and a repeat met while writing would leave the room
 * half imported.
 *
 * <p>Why hashes: a room of ten million messages would need gigabytes as strings. Each pair is kept
 * as two independent 64-bit hashes in an open-addressed table, 16 bytes a slot at most half full:
 * about 32 bytes a message. Two equal pairs always hash alike, so no repeat is missed; two
 * different pairs are taken for one only if both 64-bit hashes agree, which for any real file does
 * not happen, and would only refuse the file, never let a bad one through.
 *
 * <p>Not thread-safe: one file, one thread.
 */
final class SeenIds {
  private static final int FIRST_SLOTS = 1 << 10;

  /** Two longs per slot; a slot of two zeros is empty (a pair hashing to that is moved off it). */
  private long[] table = new long[2 * FIRST_SLOTS];

  private int size;

  /** Adds the pair; false when it was already there. */
  boolean add(String author, String clientId) {
    long a = hash(author, clientId, 0xcbf29ce484222325L, 0x100000001b3L);
    long b = hash(author, clientId, 0x9e3779b97f4a7c15L, 0xff51afd7ed558ccdL);
    if (a == 0 && b == 0) b = 1;
    if (2 * (size + 1) > table.length / 2) grow();
    if (!put(table, a, b)) return false;
    size++;
    return true;
  }

  private static boolean put(long[] table, long a, long b) {
    int slots = table.length / 2;
    int i = (int) (mix(a) & (slots - 1));
    while (true) {
      long x = table[2 * i];
      long y = table[2 * i + 1];
      if (x == 0 && y == 0) {
        table[2 * i] = a;
        table[2 * i + 1] = b;
        return true;
      }
      if (x == a && y == b) return false;
      i = (i + 1) & (slots - 1);
    }
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0 || old[i + 1] != 0) put(table, old[i], old[i + 1]);
    }
  }

  /**
   * A multiply-and-xor hash over both strings and the separator between them, with its own seed and
   * multiplier.
   */
  private static long hash(String author, String clientId, long seed, long multiplier) {
    long h = seed;
    for (int i = 0, n = author.length(); i < n; i++) h = (h ^ author.charAt(i)) * multiplier;
    h = (h ^ 0x10000) * multiplier; // no UTF-16 unit equals this: "ab"+"c" and "a"+"bc" differ
    for (int i = 0, n = clientId.length(); i < n; i++) h = (h ^ clientId.charAt(i)) * multiplier;
    return mix(h);
  }

  /** Spreads the bits (the finaliser of SplitMix64). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
