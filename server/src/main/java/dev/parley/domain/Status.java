package dev.parley.domain;

/**
 * A user's presence as the contract names it. Compared by identity, so a misspelt status cannot
 * compile; {@link #wire()} is the name on the wire and between the nodes of a cluster.
 */
public enum Status {
  ONLINE("online"),
  AWAY("away"),
  OFFLINE("offline");

  private final String wire;

  Status(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /**
   * @throws IllegalArgumentException for a name that is not a status
   */
  public static Status fromWire(String s) {
    for (Status status : values()) {
      if (status.wire.equals(s)) return status;
    }
    throw new IllegalArgumentException("unknown status: " + s);
  }
}
