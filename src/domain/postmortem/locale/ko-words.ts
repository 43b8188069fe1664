// The bot's own state words in Korean: incident and workstream status, recovery-board states,
// handoff and action-item states. Used by the draft's catalogue and by its timeline entries.
/** Status and state words; a word not listed stays as stored, never silently dropped. */
const KO_WORDS: Record<string, string> = {
  // Incident and workstream status
  investigating: "조사 중",
  identified: "원인 파악",
  monitoring: "모니터링",
  resolved: "해결됨",
  closed: "종료됨",
  // Recovery-board states
  operational: "정상",
  degraded: "성능 저하",
  outage: "장애",
  recovering: "복구 중",
  recovered: "복구됨",
  // Handoffs
  prompted: "요청됨",
  briefed: "브리핑됨",
  accepted: "수락됨",
  superseded: "대체됨",
  cancelled: "취소됨",
  // Action items
  open: "진행 중",
  done: "완료",
};

export const koWord = (value: string): string => KO_WORDS[value] ?? value;
