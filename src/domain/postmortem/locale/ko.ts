// 한국어 포스트모템 초안의 문구. 키는 en.ts에서 오므로, 빠진 문구는 타입 오류가 된다.
// Korean SRE teams' usual postmortem vocabulary: 영향, 타임라인 및 대응, 근본 원인, 복구, 교훈, 맺음말.
import type { Catalogue } from "./en.ts";
import { koEntries } from "./ko-entries.ts";
import { koWord } from "./ko-words.ts";

const count = (n: number, unit: string) => `${n}${unit}`;

/** Role names in the access record. */
const KO_ROLES: Record<string, string> = {
  commander: "인시던트 커맨더",
  comms: "커뮤니케이션 담당",
  scribe: "기록 담당",
  ops: "운영 담당",
  lead: "워크스트림 리드",
};

export const ko: Catalogue = {
  headings: {
    impactChronologyResponse: "영향, 타임라인 및 대응",
    incidentAndImpact: "인시던트와 영향",
    chronology: "타임라인",
    response: "대응",
    rootCause: "근본 원인",
    recovery: "복구",
    lessons: "교훈",
    actionItems: "후속 조치",
    closing: "맺음말",
    appendix: "부록",
    metrics: "지표",
    shifts: "교대",
    gantt: "시간에 따른 상태와 지휘",
    timeline: "전체 타임라인",
  },
  duration: { day: "일", hour: "시간", minute: "분", second: "초", joiner: " " },
  severity: (sev: number, name: string) => `SEV${sev} (${name})`,
  severityNames: { 1: "치명적", 2: "주요", 3: "보통", 4: "경미" },
  word: koWord,
  list: (items: string[]) => items.join(", "),
  plural: (n: number, one: string) => `${one} ${n}개`,
  none: "—",
  end: "종료 시점",
  ongoing: "진행 중",
  allRegions: "전체 리전",
  time: (label: string) => label,
  timeColumn: "시각",
  header: {
    incident: "인시던트",
    privateIncident: "비공개 인시던트",
    peak: "최고 심각도",
    atTheEnd: (sev: string) => `종료 시 ${sev}`,
    status: "상태",
    dates: "기간",
    duration: "지속 시간",
    durationSpan: (duration: string, fromImpact: boolean, toResolution: boolean) =>
      `${duration} (${fromImpact ? "영향 시작" : "선언"}부터 ${toResolution ? "해결" : "종료"}까지)`,
    notOver: "아직 끝나지 않음",
    commanders: "인시던트 커맨더",
    incidentPage: "인시던트 페이지",
    generated: "생성",
    generatedNote: (at: string) =>
      `${at}, 인시던트 타임라인에서 생성했습니다. 초안이므로 내용을 바로잡고 기울임꼴로 된 질문에 답해 주세요.`,
    declaredSummary: "선언 시 요약",
  },
  impact: {
    regionColumns: ["리전 또는 워크스트림", "워크스트림 상태", "리드", "복구 보드의 서비스"],
    notWorkstream: "워크스트림 아님",
    noRegions: "기록된 리전이나 워크스트림이 없습니다. 영향을 받은 리전을 적어 주세요.",
    servicesAffected: "영향받은 서비스",
    noServices: "기록 없음. 서비스를 적어 주세요.",
    began: "영향 시작",
    ended: "영향 종료",
    backfill: "과거 데이터 복구 완료",
    fromBoard: "복구 보드에서 마지막 백필이 복구된 시각",
    milestone: "마일스톤",
    notRecorded: "기록되지 않음. 다음 명령으로 추가하세요:",
    noBackfill: "기록된 백필 없음",
    customerImpact: "고객 영향",
    customerPrompt:
      "아직 작성되지 않았습니다. 누가 영향을 받았고, 무엇을 겪었으며, 얼마나 오래 지속되었고, 무엇을 잃었나요(데이터, 알림, 비용)?",
  },
  chronology: {
    columns: ["주요 순간", "세부 내용", "기록자"],
    nothing: "기록된 내용이 없습니다.",
  },
  response: {
    responders: "대응 인원",
    roles: "역할",
    workstreams: "워크스트림과 리드",
    shifts: "교대와 인수인계",
    updates: "상황 공유",
    ledger: "심각도 변경 이력",
    pages: "호출(페이지)",
    pagesSummary: (n: number, acknowledged: number, median: string | null) =>
      `Slack 밖으로 **${n}건의 호출**이 나갔고 ${acknowledged}건이 확인되었습니다${median ? ` (확인까지 중앙값 ${median})` : ""}.`,
    pageColumns: ["호출 대상", "사유", "확인까지", "해결", "거부한 호출 서비스"],
    acknowledgedBy: (name: string) => ` (${name})`,
    notAcknowledged: "확인되지 않음",
    duty: "근무 시간",
    tookPart: (people: string, acted: number, held: number, present: number, detail: string) =>
      `**${people}**이 참여했습니다: ${acted}명이 활동했고(상황 공유, 노트, 핀 작성 또는 상태 변경), ${held}명이 역할을 맡았으며, ${present}명이 참석했습니다${detail ? `(${detail})` : ""}.`,
    people: (n: number) => count(n, "명"),
    invited: (n: number) => `초대 ${n}명`,
    viaGroups: (n: number, groups: number) => `그중 ${n}명은 사용자 그룹 ${groups}개를 통해`,
    joined: (n: number) => `직접 참여 ${n}명`,
    groupsNotCounted: (groups: string) =>
      `${groups}의 구성원은 초대 시 기록되지 않아 인원에 포함하지 않았습니다.`,
    userGroups: (n: number) => `사용자 그룹 ${n}개`,
    noRoles: "기록된 역할이 없습니다.",
    roleColumns: ["역할", "담당자", "시작", "종료", "역할 수행 시간"],
    byHandoff: " (인수인계)",
    noWorkstreams: "워크스트림 없음: 인시던트를 하나로 운영했습니다.",
    workstreamColumns: ["워크스트림", "상태", "리드(시작 시각)", "개설", "해결"],
    shiftColumns: ["교대", "인시던트 커맨더", "시작", "종료", "길이"],
    noHandoffs: "기록된 구조화된 인수인계가 없습니다.",
    handoffs: (n: number) => `인수인계 ${n}건`,
    medianAccept: (d: string) => `수락까지 걸린 시간 중앙값 ${d}`,
    slowest: (d: string, role: string) => `가장 느린 수락 ${d} (${role})`,
    escalated: (n: number) => (n ? `${n}건 에스컬레이션` : "에스컬레이션 없음"),
    neverAccepted: (n: number) => `${n}건 미수락`,
    handoffColumns: ["역할", "인계자", "인수자", "예정 시각", "수락", "수락까지 걸린 시간", "에스컬레이션"],
    byHand: " (수동)",
    acceptedBy: (name: string) => ` (${name} 대리 수락)`,
    notAccepted: (state: string) => `수락되지 않음 (${state})`,
    noUpdates: "/incident update로 게시된 상황 공유가 없습니다. 이해관계자에게 다른 방법으로 알렸나요?",
    updatesWentOut: (n: number) => `**상황 공유 ${n}건**을 게시했습니다`,
    firstAfter: (d: string, at: string) => `첫 공유는 선언 ${d} 후(${at})`,
    longestGap: (d: string, from: string, to: string) => `공유 사이의 가장 긴 공백은 ${d}(${from} → ${to})`,
    noSeverity: "기록된 심각도가 없습니다.",
    ledgerColumns: ["심각도", "변경자", "사유"],
    declared: "선언",
    dutyColumns: ["담당자", "역할 수행 시간"],
    andMore: (n: number) => `…외 ${n}명 (JSON 내보내기 참고).`,
  },
  cadence: {
    broken: (n: number) => `**상황 공유 주기를 ${n}번 지키지 못했습니다.**`,
    kept: "모든 심각도 구간에서 상황 공유 주기를 지켰습니다.",
    period: (sev: string, from: string, to: string, every: string, updates: number, breaches: number) =>
      `${sev} ${from} → ${to}, ${every}마다 공유 필요: 공유 ${updates}건, ${breaches ? `위반 ${breaches}건` : "위반 없음"}`,
    breach: (
      silence: string,
      from: string,
      to: string,
      due: string,
      late: string,
      periodEnded: string | null,
    ) =>
      `${silence} 동안 공유 없음, ${from} → ${to}: ${due}까지 필요, ${late} 지연${periodEnded ? ` (${periodEnded} 구간이 끝날 때까지 공유 없음)` : ""}`,
    tableIntro: "상황 공유 주기 위반 (마지막 공유 또는 선언부터 다음 공유 또는 심각도 구간 종료까지의 공백):",
    columns: ["심각도", "주기", "공백 시작", "공백 종료", "공백", "지연"],
  },
  notes: {
    tagged: (hasStatement: boolean, what: "root-cause" | "lessons") =>
      `${hasStatement ? "" : `종료 시 ${what === "root-cause" ? "근본 원인" : "교훈"} 요약이 없었습니다. `}타임라인에서 태그된 노트:`,
    nothingYet: "아직 기록된 내용이 없습니다. 인시던트 중에 다음 명령으로 노트를 태그하거나",
    orAnswer: ", 다음 질문에 답해 주세요:",
    in: (workstream: string) => `${workstream}에서`,
  },
  recovery: {
    unused:
      "복구 보드를 사용하지 않았습니다. 리전과 서비스별로 언제 복구되었는지, 실시간 데이터를 먼저, 이어서 과거 데이터를 적어 주세요.",
    since: (fromImpact: boolean) =>
      `괄호 안의 시간은 ${fromImpact ? "영향 시작" : "선언"} 이후 경과 시간입니다.`,
    byRegion: "리전 및 워크스트림별",
    regionColumns: [
      "리전 또는 워크스트림",
      "워크스트림",
      "첫 복구 징후",
      "실시간 데이터 복구",
      "백필 완료",
      "회귀",
      "미복구",
    ],
    backfillOpen: (list: string) => `백필: ${list}`,
    byService: "서비스별",
    serviceColumns: ["서비스", "리전", "데이터", "최초 보고", "최악 상태", "복구 중", "복구", "회귀", "현재"],
    live: "실시간",
    backfill: "백필",
    regressions: "회귀",
    regressionsIntro: "복구되었다가 다시 장애가 난 경우:",
    regressionColumns: ["재발 시각", "서비스", "리전", "데이터", "이전 복구 시각", "현재", "보고자", "메모"],
    noRegressions: "회귀 없음: 복구된 뒤 다시 장애가 난 곳은 없습니다.",
  },
  actions: {
    none: "아직 후속 조치가 없습니다. 다음 명령으로 추가하거나",
    orHere: ", 여기에 적어 주세요.",
    columns: ["#", "조치", "담당자", "상태", "추가"],
    unassigned: "_미지정_",
    added: (at: string, by: string) => `${at}, ${by}`,
  },
  metrics: {
    columns: ["지표", "시작", "끝", "값"],
    outOfOrder: " (순서가 맞지 않음: 마일스톤을 확인하세요)",
    noneMeasured: "측정할 수 있는 지표가 없습니다: 아래 순간이 기록되지 않았습니다.",
    missingIntro: "다음 순간이 기록되지 않아 측정하지 못했습니다:",
    neededFor: (milestone: string, metrics: string, how: string) => `${milestone}, ${metrics}에 필요: ${how}`,
    noUpdate: "다음 명령으로 게시된 상황 공유가 없음:",
    notResolved: "인시던트가 아직 해결되지 않음",
    firstResolution: (n: number) =>
      `인시던트가 ${n}번 해결되었습니다 (그 사이 재개됨): 해결까지의 시간은 첫 해결까지로 측정했으며, 모든 해결과 재개는 연대기에 있습니다.`,
    names: {
      "Time to detect": "탐지까지 걸린 시간",
      "Time to declare": "선언까지 걸린 시간",
      "Time to first update": "첫 상황 공유까지 걸린 시간",
      "Time to mitigate": "완화까지 걸린 시간",
      "Time to resolve": "해결까지 걸린 시간",
    },
  },
  shifts: {
    none: "기록된 교대가 없습니다.",
    heading: (n: number, who: string, from: string, to: string, length: string) =>
      `교대 ${n}: ${who}, ${from} → ${to} (${length})`,
    stats: (entries: number, updates: number, severity: number) =>
      `타임라인 항목 ${entries}건, 상황 공유 ${updates}건, 심각도 변경 ${severity}건.`,
    handedTo: (who: string) => ` ${who}에게 인계.`,
    brief: (by: string | null, at: string | null) =>
      `인수인계 브리프${by ? ` (${by}` : ""}${at ? `${by ? ", " : " ("}${at}` : ""}${by || at ? ")" : ""}:`,
    noBrief: "이 교대에는 인수인계 브리프가 작성되지 않았습니다.",
    workstreamHandoffs: "이 교대 중 워크스트림 인수인계:",
    fields: {
      currentState: "현재 상태",
      triedOrRuledOut: "시도했거나 배제한 것",
      openActions: "진행 중인 조치",
      risks: "주의할 위험",
      nextCheckpoint: "다음 점검 시점",
    },
    inline: {
      currentState: "상태",
      triedOrRuledOut: "시도",
      openActions: "진행 중 조치",
      risks: "위험",
      nextCheckpoint: "다음 점검",
    },
    leftEmpty: "_(비어 있음)_",
  },
  gantt: {
    incident: "인시던트",
    command: "지휘",
    lead: (name: string) => `리드 ${name}`,
    omitted: (n: number) => `차트를 읽기 쉽게 막대 ${n}개를 생략했습니다. 위 표에는 모든 행이 있습니다.`,
  },
  access: {
    heading: "접근 기록",
    intro:
      "이 비공개 인시던트의 채널에 누가, 누구에 의해, 언제 추가되었는지: 작업마다 한 행입니다 (타임라인에 각 작업이 있습니다).",
    empty: "이 비공개 인시던트의 채널에 추가된 사람이 없습니다.",
    columns: ["추가", "추가한 사람"],
    words: {
      added: "추가: ",
      joined: "직접 참여: ",
      people: (n: number) => `${n}명`,
      groups: (n: number) => `그룹 ${n}개`,
      and: ", ",
      membersUnknown: (n: number) => ` (그룹 ${n}개의 구성원은 알 수 없음)`,
      to: " → ",
      declared: " (선언 시)",
      rotation: " — 로테이션 ",
      role: (role: string | null) => ` (${KO_ROLES[role ?? ""] ?? role ?? "역할"})`,
      handoff: (role: string | null) => ` (${KO_ROLES[role ?? ""] ?? "역할"} 인계)`,
      escalation: " (에스컬레이션 연락처)",
      workstream: " (워크스트림 채널)",
    },
  },
  timeline: {
    empty: "타임라인이 비어 있습니다.",
    header: (n: number) =>
      `항목 ${n}건, 발생 순서대로입니다 (나중에 과거 시각으로 추가된 항목은 표시되어 있습니다).`,
    columns: ["누가", "어디서", "내용"],
    /** Who did what the bot did on its own (reminders, prompts). */
    bot: "인시던트 봇",
    joinedRun: (people: number, lastAt: string | null) =>
      `${people}명이 스스로 참여${lastAt ? ` (마지막 ${lastAt})` : ""}`,
    tagged: (tag: string) => `태그: ${tag}`,
    recorded: (at: string) => `${at}에 기록`,
    message: "메시지",
    shown: (shown: number, total: number) => `**이 초안은 타임라인 ${total}행 중 ${shown}행만 보여 줍니다**`,
    omittedGroup: (shown: number, total: number, group: string) =>
      shown ? `${group} ${total}건 중 ${shown}건` : `${group} ${total}건은 모두 생략`,
    file: (file: string) =>
      `모든 항목은 이 초안과 함께 올린 파일 ${file}(CSV, 스프레드시트와 도구용)에도 있습니다.`,
    omitted: (shown: string, groups: string, file: string) =>
      `${shown}. 읽기 쉽도록 여기 언급하지 않은 종류는 모두 싣고, ${groups}(인시던트 기간 전체에 고르게 선택)만 실었습니다. 모든 항목이 담긴 전체 타임라인은 이 초안과 함께 올린 파일 ${file}에 있습니다.`,
    groups: {
      "state changes": "상태 변경",
      "tagged notes": "태그된 노트",
      "status updates": "상황 공유",
      "recovery-board changes": "복구 보드 변경",
      notes: "노트",
      "pinned messages": "고정된 메시지",
      "handoff steps": "인수인계 단계",
      "other entries": "기타 항목",
    },
  },
  summary: {
    names: (names: string[], max = 5) =>
      names.length > max ? `${names.slice(0, max).join(", ")} 외 ${names.length - max}개` : names.join(", "),
    what: (
      number: number,
      title: string,
      sev: string,
      regions: string[],
      services: string[],
      names: (n: string[]) => string,
    ) => {
      const scope = [
        regions.length ? `리전 및 워크스트림 ${regions.length}곳(${names(regions)})` : "",
        services.length ? `서비스 ${services.length}개(${names(services)})` : "",
      ].filter(Boolean);
      return `INC-${number} "${title}"은(는) ${scope.length ? `${scope.join("과 ")}에 영향을 준 ` : ""}${sev} 인시던트였습니다.`;
    },
    began: (impact: string, detected: string | null, declared: string) =>
      `영향은 ${impact}에 시작되었고${detected ? `, ${detected}에 탐지되었으며` : ""}, 인시던트는 ${declared}에 선언되었습니다.`,
    declared: (declared: string, detected: string | null) =>
      `인시던트는 ${detected ? `${detected}에 탐지된 뒤 ` : ""}${declared}에 선언되었습니다. 영향 시작 시각은 기록되지 않았습니다.`,
    resolved: (mitigated: string | null, resolved: string, duration: string, fromImpact: boolean) =>
      `${mitigated ? `${mitigated}에 완화되었고 ` : ""}${resolved}에 해결되었습니다. ${fromImpact ? "영향 시작" : "선언"} 후 ${duration}이 걸렸습니다.`,
    mitigated: (at: string) => `${at}에 완화되었습니다.`,
    still: (status: string) => `이 초안을 생성할 때 상태는 아직 ${status}였습니다.`,
    backfill: (at: string) => `과거 데이터는 ${at}에 모두 복구되었습니다.`,
    who: (people: number, shifts: number, commanders: number, updates: number) => {
      const scope = [
        shifts > 1 ? `교대 ${shifts}번` : "",
        commanders > 1 ? `인시던트 커맨더 ${commanders}명` : "",
      ]
        .filter(Boolean)
        .join(", ");
      return `${scope ? `${scope}에 걸쳐 ` : ""}${people}명이 대응했고, ${updates ? `상황 공유 ${updates}건을 게시했습니다.` : "상황 공유는 게시되지 않았습니다."}`;
    },
  },
  build: {
    roles: {
      commander: "인시던트 커맨더",
      comms: "커뮤니케이션 담당",
      scribe: "기록 담당",
      ops: "운영 담당",
      lead: "리드",
    },
    roleOf: (role: string) => `${role}: `,
    unnamedPerson: "이름을 알 수 없는 사람",
    userGroup: (label: string | null) => (label ? `사용자 그룹 ${label}` : "사용자 그룹"),
    milestones: {
      "impact-started": "영향 시작",
      detected: "탐지",
      declared: "선언",
      mitigated: "완화",
      "impact-ended": "영향 종료",
      resolved: "해결",
      "backfill-complete": "백필 완료",
      closed: "종료",
    },
    milestone: (name: string) => `마일스톤 ${name}`,
    earlierResolution: (n: number) => `해결 (${n}차 해결, 이후 재개)`,
    declaredAs: (sev: string) => `${sev}로 선언`,
    correctedFrom: (at: string) => `(${at}에서 정정`,
    by: ", 정정자 ",
    escalated: (to: number, down: boolean) => `SEV${to}로 ${down ? "하향" : "상향"}`,
    status: (to: string) => `상태: ${to}`,
    reopened: "재개",
    firstUpdate: "첫 상황 공유",
    keyUpdate: "주요 상황 공유",
    firstCause: "첫 원인 노트",
    commandHandedOver: "지휘권 인계",
    fromTo: ["", " → "],
    someone: "누군가",
    firstRecovery: (region: string | null) => `${region ? `${region} ` : "전체 리전 "}첫 복구`,
    liveBack: "모든 리전 실시간 데이터 복구",
    backfillComplete: (region: string | null) => `${region ? `${region} ` : "전체 리전 "}백필 완료`,
    theLastWas: "마지막: ",
    inRegion: " / ",
    backfillPhase: " (백필)",
    regression: "회귀",
    recoveredThen: [": 복구 후 다시 ", ""],
    rootCausePrompts: [
      "무엇이 바뀌었나요? (배포, 설정 또는 인증서, 트래픽, 의존성, 자동화된 작업)",
      "고객에게 영향이 가기 전에 왜 잡아내지 못했나요? (테스트, 카나리, 알림, 리뷰)",
      "영향 범위는 왜 그만큼이었나요? (왜 다른 곳이 아니라 이 리전과 서비스였나요)",
    ],
    lessonsPrompts: [
      "잘된 점은 무엇이고, 계속 유지해야 할 것은 무엇인가요?",
      "무엇이 잘못되었거나 예상보다 느렸나요?",
      "운이 좋았던 부분은 어디였나요?",
    ],
    closingPrompt:
      "이번 인시던트로 영향을 받은 분들을 위한 짧은 맺음말을 써 주세요. 무슨 일이 있었는지 한 문장으로, " +
      "어떤 피해를 드렸는지, 이미 무엇을 바꾸었는지, 앞으로 무엇을 바꿀지(위의 후속 조치와 함께) 적습니다. " +
      "쉽게 써 주세요. 독자가 가장 많이 인용하는 부분입니다.",
  },
  entries: koEntries,
};
