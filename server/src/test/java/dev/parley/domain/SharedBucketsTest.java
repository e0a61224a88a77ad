package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The budgets shared across connections on one node: a user's frames ({@link UserRates}) and an
 * address's new users ({@link AddressRates}), each a {@link TokenBucket} per key that is forgotten
 * once full again, so memory follows who is active.
 */
class SharedBucketsTest {

  @Test
  void aUsersBudgetIsOneBurstAndOtherUsersHaveTheirOwn() {
    UserRates rates = new UserRates(1, 5);
    int served = 0;
    for (int i = 0; i < 10; i++) if (rates.take("ann")) served++;
    assertThat(served).isEqualTo(5);
    assertThat(rates.take("bob")).isTrue();
  }

  @Test
  void fullBucketsAreForgottenAndBusyOnesKept() {
    UserRates rates = new UserRates(1_000_000, 2); // refills at once: every bucket is full again
    for (int i = 0; i < 100; i++) rates.take("u" + i);
    assertThat(rates.held()).isEqualTo(100);
    for (int i = 0; i < UserRates.SWEEP_EVERY; i++) rates.take("steady");
    assertThat(rates.held()).as("only the user who just sent is held").isLessThanOrEqualTo(1);
  }

  @Test
  void anAddressGetsItsBurstThenTheSecondsUntilTheNext() {
    AddressRates rates = new AddressRates(20, 3); // one every 3 s
    for (int i = 0; i < 3; i++) assertThat(rates.take("203.0.113.1")).isZero();
    long wait = rates.take("203.0.113.1");
    assertThat(wait).isBetween(1L, 3L);
    assertThat(rates.take("203.0.113.2")).as("another address").isZero();
    assertThat(rates.take(null)).as("an unknown address is one address of its own").isZero();
  }
}
