package dev.parley.store.sql;

import dev.parley.domain.Message;
import java.sql.SQLException;
import org.slf4j.LoggerFactory;

/**
 * One write the writer does inside a batch's transaction, holding its own result until it answers.
 * Why a type per kind of write: the writer's loop is the same whatever a batch holds (write each
 * op, commit, answer each op), a new kind of write is a new class beside these, and a result lives
 * in the op it belongs to instead of in arrays indexed by batch position.
 *
 * <p>Contract, all on the writer's thread: {@link #write} runs in the batch's transaction, in queue
 * order; a refusal of this op alone (no such room, an amendment's rule) is kept for its answer and
 * the batch goes on, while anything thrown fails the whole batch. Then {@link #answer} exactly
 * once: after the commit with no failure, or with the failure that rolled the batch back. A
 * callback that throws is logged; the writer goes on.
 */
sealed interface WriteOp extends Queued
    permits AppendOp, AmendOp, PurgeOp, ChangeOp, RestoreOp, AnswerOp {

  /**
   * The room whose row this op may move (its counters, its policy), locked before the batch's first
   * write on PostgreSQL ({@link RoomCounters#lock}); null when it touches none.
   */
  String room();

  /**
   * The room this op creates, if any: on PostgreSQL its row is put in before the batch's rooms are
   * locked ({@link RoomCounters#insertCreated}), so that two nodes creating it at once take turns
   * on its row lock like on any other room's. Null for every other op.
   */
  default dev.parley.domain.Change.RoomSaved creates() {
    return null;
  }

  /**
   * The message whose author and client id are looked up before the batch ({@link Resends}), null
   * when this op stores none.
   */
  Message resendKey();

  /** Writes, inside the batch's transaction, on the writer's connection {@code c}. */
  void write(WriterConnection c) throws SQLException;

  /** After the commit ({@code failure} null) or the rollback. Never throws. */
  void answer(Throwable failure);

  /** Logs what a store callback threw: the writer goes on. */
  static void callbackThrew(Throwable t) {
    LoggerFactory.getLogger(Writer.class).error("store callback threw; the writer goes on", t);
  }
}
