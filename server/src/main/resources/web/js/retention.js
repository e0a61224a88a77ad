// retention.js — How a room's retention policy reads to people. (Where a room's history starts once the server removes old messages, `firstSeq`, is the Room's: room.js.)

import { t } from './i18n.js';

/** "30 days", "the newest 1000 messages", both, or "everything". */
export function describePolicy(policy) {
  if (!policy || (policy.days == null && policy.count == null)) return t('retention.everything');
  const days = policy.days != null ? t('retention.days', { count: policy.days }) : null;
  const count = policy.count != null ? t('retention.count', { count: String(policy.count) }) : null;
  return days && count ? t('retention.both', { days, count }) : days || count;
}
