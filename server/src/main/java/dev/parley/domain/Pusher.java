package dev.parley.domain;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The port to Web Push ({@code dev.parley.push}): sends a {@link PushNote} to a user's devices
 * unless one of the user's tabs is visible on another node, and keeps their subscriptions. Nothing
 * here blocks its caller (the store's writer thread, an event loop): the work runs on the adapter's
 * bounded pool.
 */
public interface Pusher {

  /**
   * The server's VAPID public key (uncompressed P-256, base64url): the client's
   * applicationServerKey.
   */
  String publicKey();

  /**
   * Whether a subscription's endpoint may be kept: https to a public address on 443, or an address
   * the operator allowed (a test's loopback service); asked without a name lookup.
   */
  boolean allows(URI endpoint);

  /** Pushes {@code note} to the user's devices, if none of their tabs is visible on any node. */
  void push(String userId, PushNote note);

  /** Stores a device; completes false when the user already has {@code max} others. */
  CompletableFuture<Boolean> subscribe(String userId, PushDevice device, int max);

  /** Forgets the user's device of {@code endpoint}; completes false if they had none. */
  CompletableFuture<Boolean> unsubscribe(String userId, String endpoint);
}
