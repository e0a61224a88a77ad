// retention.js — Where a room's history starts now that the server may remove old messages (firstSeq), and the room's own retention policy.

/** Applies firstSeq and retention from a room view or a `room` frame; drops held events the server no longer has. */
export function applyRetention(room, info) {
  if (Number.isInteger(info.firstSeq) && info.firstSeq > room.firstSeq) {
    room.firstSeq = info.firstSeq;
    const keep = room.events.filter((ev) => ev.seq >= info.firstSeq);
    if (keep.length !== room.events.length) {
      for (const ev of room.events) if (ev.seq < info.firstSeq) room.bySeq.delete(ev.seq);
      room.events = keep;
    }
    if (!room.events.length || room.oldestSeq <= room.firstSeq) room.hasOlder = false;
  }
  if ('retention' in info || Number.isInteger(info.firstSeq)) {
    room.retention = info.retention && typeof info.retention === 'object' ? info.retention : null;
  }
}

/** "30 days", "the newest 1000 messages", both, or "everything". */
export function describePolicy(policy) {
  if (!policy || (policy.days == null && policy.count == null)) return 'everything';
  const parts = [];
  if (policy.days != null) parts.push(`${policy.days} day${policy.days === 1 ? '' : 's'}`);
  if (policy.count != null) parts.push(`the newest ${policy.count} messages`);
  return parts.join(' and at most ');
}
