// retention.js — How a room's retention policy reads to people. (Where a room's history starts once the server removes old messages, `firstSeq`, is the Room's: room.js.)

/** "30 days", "the newest 1000 messages", both, or "everything". */
export function describePolicy(policy) {
  if (!policy || (policy.days == null && policy.count == null)) return 'everything';
  const parts = [];
  if (policy.days != null) parts.push(`${policy.days} day${policy.days === 1 ? '' : 's'}`);
  if (policy.count != null) parts.push(`the newest ${policy.count} messages`);
  return parts.join(' and at most ');
}
