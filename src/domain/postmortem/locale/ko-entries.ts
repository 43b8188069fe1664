// 타임라인 항목을 한국어로: 부록의 전체 타임라인과 함께 올리는 타임라인 파일의 한 줄씩.
// How each timeline entry reads in a Korean draft. Typed text stays a `typed` part (escaped by
// the renderer); people stay `{ user }` parts (named by the draft); status and service words
// are translated (ko-words.ts); the commands' own words stay in Slack.
import { formatDuration } from "../../time/duration.ts";
import type { Phrase } from "../../timeline/phrase.ts";
import { type Data, num, str, strOrNull } from "../contract.ts";
import { groupLabel, readInvite } from "../invites.ts";
import type { EntryPhrases } from "./entry-phrases.ts";
import { koWord } from "./ko-words.ts";

const UNITS = { day: "일", hour: "시간", minute: "분", second: "초", joiner: " " };
const dur = (ms: number) => formatDuration(ms, UNITS);

const ROLES: Record<string, string> = {
  commander: "인시던트 커맨더",
  comms: "커뮤니케이션 담당",
  scribe: "기록 담당",
  ops: "운영 담당",
  lead: "리드",
};

const person = (id: string | null, otherwise: string): Phrase =>
  id ? (id.startsWith("S") ? ["사용자 그룹"] : [{ user: id }]) : [otherwise];

function withTyped(phrase: Phrase, text: string, joiner = ": "): Phrase {
  return text ? [...phrase, joiner, { typed: text }] : phrase;
}

function role(d: Data): Phrase {
  const workstream = strOrNull(d, "workstream");
  const name = ROLES[str(d, "role")] ?? str(d, "role");
  return workstream ? ["워크스트림 ", { code: workstream }, ` ${name}`] : [name];
}

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export const koEntries: EntryPhrases = {
  incident_declared: (d) => [
    `SEV${num(d, "severity") ?? "?"}로 인시던트 선언: `,
    { typed: str(d, "title") },
    d.isPrivate ? " (비공개)" : "",
  ],
  severity_changed: (d, e) => {
    const from = num(d, "from") ?? 0;
    const to = num(d, "to") ?? 0;
    return withTyped(
      [`심각도 ${to < from ? "상향" : "하향"} (SEV${from} → SEV${to})`],
      e.text || str(d, "reason"),
    );
  },
  status_changed: (d, e) =>
    withTyped(["상태 변경: ", koWord(str(d, "from")), " → ", { strong: koWord(str(d, "to")) }], e.text),
  incident_reopened: (d, e) => withTyped([`다시 열림 (이전 상태 ${str(d, "from")})`], e.text),
  role_assigned: (d) => {
    const previous = strOrNull(d, "previousUserId");
    return [
      ...person(strOrNull(d, "userId"), "누군가"),
      "님이 ",
      ...role(d),
      " 역할을 맡음",
      ...(previous ? [" (이전: ", { user: previous }, ")"] : []),
    ];
  },
  people_invited: (_d, e) => {
    const invite = readInvite(e);
    if (invite.selfJoin) return ["스스로 참여함"];
    const { groups, people } = invite;
    const labels = groups.map((g) => groupLabel(g) ?? "").filter(Boolean);
    const phrase: Phrase = [`${people.length}명 초대`];
    if (groups.length)
      phrase.push(` (사용자 그룹 ${groups.length}개${labels.length ? `: ${labels.join(", ")}` : ""})`);
    const unknown = groups.filter((g) => g.memberIds === null).length;
    if (unknown) phrase.push(`; 사용자 그룹 ${unknown}개의 구성원은 기록되지 않음`);
    return phrase;
  },
  workstream_added: (d) => {
    const lead = strOrNull(d, "leadId");
    return [
      "워크스트림 ",
      { code: str(d, "name") },
      " 추가",
      ...(lead ? [", 리드 ", { user: lead }] : []),
      d.withChannel ? ", 전용 채널 있음" : "",
    ];
  },
  workstream_status_changed: (d, e) =>
    withTyped(
      [
        "워크스트림 ",
        { code: str(d, "name") },
        " 상태: ",
        { strong: koWord(str(d, "to")) },
        ` (이전 ${koWord(str(d, "from"))})`,
      ],
      e.text,
    ),
  service_status_changed: (d, e) => {
    const region = strOrNull(d, "region");
    const from = strOrNull(d, "from");
    return withTyped(
      [
        { code: str(d, "service") },
        ...(region ? [" (", { code: region }, ")"] : []),
        str(d, "phase") === "backfill" ? " 과거 데이터 백필" : "",
        ": ",
        { strong: koWord(str(d, "to")) },
        from ? ` (이전 ${koWord(from)})` : "",
      ],
      e.text || str(d, "note"),
      " — ",
    );
  },
  milestone_recorded: (d, e) => {
    const previous = strOrNull(d, "previousAt");
    return withTyped(
      ["마일스톤 ", { code: str(d, "name") }, previous ? ` (${utc(previous)}에서 정정)` : ""],
      e.text || str(d, "note"),
      " — ",
    );
  },
  update_posted: (d, e) =>
    withTyped(
      [
        d.public === true
          ? "공개 상황 공유 (상태 페이지)"
          : d.broadcast === true
            ? "상황 공유 (공지 채널에도 게시)"
            : "상황 공유",
      ],
      str(d, "text") || e.text,
    ),
  update_marked_key: (d) => withTyped(["상황 공유를 핵심으로 표시"], str(d, "text")),
  incident_published: () => ["상태 페이지에 공개"],
  note_added: (d, e) => {
    const tag = strOrNull(d, "tag") ?? e.tag;
    const label = tag === "cause" ? "원인 메모" : tag === "lesson" ? "교훈 메모" : "메모";
    return withTyped([label], str(d, "text") || e.text);
  },
  message_pinned: (d, e) => {
    const author = strOrNull(d, "authorId");
    const from: Phrase = author
      ? [" (작성: ", { user: author }, ")"]
      : strOrNull(d, "botId")
        ? [" (앱)"]
        : [];
    return withTyped(["고정한 메시지", ...from], str(d, "text") || e.text);
  },
  reminder_sent: (d) => {
    const since = num(d, "sinceUpdateMs");
    const severity = num(d, "severity");
    const details = [
      severity ? `SEV${severity}` : "",
      since !== null ? `마지막 상황 공유 후 ${dur(since)}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return [
      "상황 공유 알림을 ",
      ...person(strOrNull(d, "toUserId"), "담당자"),
      "님에게 보냄",
      details ? ` (${details})` : "",
    ];
  },
  reminder_snoozed: (d) => {
    const minutes = num(d, "minutes");
    return [minutes !== null ? `상황 공유 알림 ${minutes}분 미룸` : "상황 공유 알림 미룸"];
  },
  rotation_attached: (d) => {
    const workstream = strOrNull(d, "workstream");
    return [
      ...(workstream ? ["워크스트림 ", { code: workstream }, "에 "] : []),
      "로테이션 ",
      { code: str(d, "rotation") },
      " 연결",
    ];
  },
  handoff_prompted: (d) => [
    ...role(d),
    " 인계 요청: ",
    ...person(strOrNull(d, "fromUserId"), "없음"),
    " → ",
    ...person(strOrNull(d, "toUserId"), "누군가"),
    d.manual === true ? " (수동)" : "",
  ],
  handoff_briefed: (d) => [
    ...person(strOrNull(d, "fromUserId"), "이전 담당자"),
    "님이 ",
    ...person(strOrNull(d, "toUserId"), "다음 담당자"),
    "님에게 인계 브리핑 작성",
  ],
  handoff_accepted: (d) => {
    const from = strOrNull(d, "fromUserId");
    const latency = num(d, "latencyMs");
    return [
      ...person(strOrNull(d, "toUserId") ?? strOrNull(d, "acceptedById"), "누군가"),
      "님이 ",
      ...(from ? [{ user: from }, "님에게서 "] : []),
      ...role(d),
      " 인수",
      latency !== null
        ? ` (인계 예정 시각 ${latency < 0 ? `${dur(-latency)} 전` : `${dur(latency)} 후`} 수락)`
        : "",
    ];
  },
  handoff_escalated: (d) => [
    `인계 에스컬레이션 (${num(d, "escalation") ?? 1}번째): `,
    ...person(strOrNull(d, "toUserId"), "다음 담당자"),
    "님이 수락하지 않아 ",
    ...person(strOrNull(d, "contactId"), "에스컬레이션 담당자"),
    "에게 알림",
  ],
  long_shift_prompted: (d) => {
    const hours = num(d, "hours");
    return [
      ...person(strOrNull(d, "userId"), "누군가"),
      `님에게 ${hours !== null ? `${Math.round(hours * 10) / 10}시간` : "오랜 시간"} 동안 `,
      ...role(d),
      " 역할을 맡아 인계를 권함",
    ];
  },
  action_added: (d) => {
    const owner = strOrNull(d, "ownerId");
    return [
      "후속 조치 추가: ",
      { typed: str(d, "text") },
      ...(owner ? [" (담당 ", { user: owner }, ")"] : [" (담당자 없음)"]),
    ];
  },
  rotation_detached: (d) => ["순번 ", { code: str(d, "rotation") }, " 연결 해제"],
  title_changed: (d) => ["제목 변경: ", { typed: str(d, "from") }, " → ", { strong: str(d, "to") }],
  summary_changed: (d) => ["요약 변경: ", { typed: str(d, "to") }],
  action_done: (d) => [
    `후속 조치 ${num(d, "number") ?? "?"} `,
    { strong: "완료" },
    ": ",
    { typed: str(d, "text") },
  ],
  action_reassigned: (d) => [
    `후속 조치 ${num(d, "number") ?? "?"} (`,
    { typed: str(d, "text") },
    ") 담당 변경: ",
    ...person(strOrNull(d, "from"), "없음"),
    " → ",
    ...person(strOrNull(d, "to"), "없음"),
  ],
  action_edited: (d) => [
    `후속 조치 ${num(d, "number") ?? "?"} 수정: `,
    { typed: str(d, "from") },
    " → ",
    { typed: str(d, "to") },
  ],
  incident_closed: (d) => ["인시던트 ", { strong: "종료" }, str(d, "rootCause") ? " (근본 원인 기록)" : ""],
};
