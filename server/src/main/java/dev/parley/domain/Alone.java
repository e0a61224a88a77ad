package dev.parley.domain;

import java.util.function.Consumer;

/**
 * {@link Cluster} for a node of its own: nobody to agree with, so whatever waits for the other
 * nodes runs at once, nothing is shared, and a nick claim is granted (the domain's own claims,
 * {@link Registry#nicks}, are all there is). Events and changes to messages never come here: the
 * domain delivers them as it commits them ({@link RoomLog}).
 */
final class Alone implements Cluster {

  @Override
  public boolean clustered() {
    return false;
  }

  @Override
  public void publishEvent(Event event) {
    throw new IllegalStateException("a node of its own delivers its events as it commits them");
  }

  @Override
  public void publishAmended(Message message, Out frame) {
    throw new IllegalStateException(
        "a node of its own delivers its changes to messages as it commits them");
  }

  @Override
  public void share(Change change) {
    // nobody to tell: the store is the only other holder of this node's state
  }

  @Override
  public void afterShared(Runnable then) {
    then.run();
  }

  @Override
  public void afterDelivered(Runnable then) {
    then.run();
  }

  @Override
  public void catchUp(Runnable then) {
    then.run();
  }

  @Override
  public void status(String userId, Status status) {
    // nobody to tell: this node's status of a user is the only one
  }

  @Override
  public void claimNick(String nick, String userId, Consumer<Boolean> then) {
    then.accept(true);
  }

  @Override
  public void releaseNick(String nick, String userId, boolean renamed) {
    // nothing claimed beyond this node's own claims
  }
}
