package dev.parley.domain;

import java.util.function.Consumer;

/**
 * A {@link Cluster} for tests that hands every call to another (usually {@link Cluster#ALONE}), so
 * that a test overrides only the calls it watches or bends (a node that says it is clustered,
 * counts catch-ups, or relays its changes to a second node).
 */
class ForwardingCluster implements Cluster {
  final Cluster to;

  ForwardingCluster(Cluster to) {
    this.to = to;
  }

  @Override
  public boolean clustered() {
    return to.clustered();
  }

  @Override
  public void publishEvent(Event event) {
    to.publishEvent(event);
  }

  @Override
  public void publishAmended(Message message, Out frame) {
    to.publishAmended(message, frame);
  }

  @Override
  public void share(Change change) {
    to.share(change);
  }

  @Override
  public void afterShared(Runnable then) {
    to.afterShared(then);
  }

  @Override
  public void afterDelivered(Runnable then) {
    to.afterDelivered(then);
  }

  @Override
  public void catchUp(Runnable then) {
    to.catchUp(then);
  }

  @Override
  public void status(String userId, Status status) {
    to.status(userId, status);
  }

  @Override
  public void visible(String userId, boolean visible) {
    to.visible(userId, visible);
  }

  @Override
  public void claimNick(String nick, String userId, Consumer<Boolean> then) {
    to.claimNick(nick, userId, then);
  }

  @Override
  public void releaseNick(String nick, String userId, boolean renamed) {
    to.releaseNick(nick, userId, renamed);
  }
}
