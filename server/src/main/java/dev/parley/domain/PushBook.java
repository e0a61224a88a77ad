package dev.parley.domain;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where Web Push keeps what it must share between nodes and restarts: the server's VAPID key pair
 * and each user's devices ({@link PushDevice}). Every method blocks: call them off the event loops
 * and off the store's writer thread (the push pool does).
 */
public interface PushBook {

  /** A VAPID key pair: X.509 public key bytes and PKCS #8 private key bytes (P-256). */
  record Keys(byte[] publicKey, byte[] privateKey) {}

  /**
   * The stored key pair; at the first start, {@code made} is stored first. Two nodes starting at
   * once both get the one pair that was stored first.
   */
  Keys keys(Supplier<Keys> made) throws IOException;

  /** The user's devices, oldest first. */
  List<PushDevice> devices(String userId) throws IOException;

  /**
   * Adds (or renews) {@code device} for {@code userId}, taking its endpoint over from whichever
   * user had it. False, and nothing stored, when the user already has {@code max} other devices.
   */
  boolean add(String userId, PushDevice device, int max, long now) throws IOException;

  /** Removes the user's device of {@code endpoint}; false if they had none. */
  boolean remove(String userId, String endpoint) throws IOException;

  /** Forgets an endpoint whichever user had it: its push service said it is gone (404, 410). */
  void drop(String endpoint) throws IOException;
}
