// A DPIA starter in the order of GDPR Art. 35(7), filled in from the real configuration:
// processing and data flow, purposes, necessity, risks with measures, open questions, and
// authorised face matching (off or on). Pure: imports only src/shared. The controller
// completes and signs it; we do not.

import { ZONE_RULES, type ZoneRule } from './alert-keys';
import {
  DB_NAME,
  activeEstimates,
  alertsUse,
  docMarkdown,
  estimateNames,
  listText,
  matchingOn,
  type Doc,
  type DocSection,
  type ReviewerConfig,
} from './reviewer-config';
import {
  matchingDpiaSection,
  matchingOpenQuestions,
  matchingSetupLine,
  purposeWords,
} from './reviewer-matching';

const RULE_NAMES: Record<ZoneRule, string> = {
  occupancy: 'occupancy limit',
  afterHours: 'out of hours',
  loitering: 'loitering',
  restricted: 'restricted area',
};
/** When each zone rule raises an alert, for the purposes. */
const RULE_WORDS: Record<ZoneRule, string> = {
  occupancy:
    'a zone holds more people than its limit (e.g. a room’s fire limit)',
  afterHours: 'anyone is in a zone outside opening hours (intruders)',
  loitering: 'one person stays in a zone longer than a set time (loitering)',
  restricted: 'anyone enters a restricted zone',
};
const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;

/** Purposes of the zones, lines and alerts set up (all of them when the setup is unknown). */
function alertsPurposes(c: ReviewerConfig): string[] {
  const a = c.alerts;
  const rules = a ? a.rules.filter(() => a.zones > 0) : ZONE_RULES;
  const when = a ? '' : ' (when zones or lines are set up)';
  const out: string[] = [];
  if (rules.length > 0) {
    out.push(
      `Security and safety compliance${when}: alert staff at once when ${listText(
        rules.map((r) => RULE_WORDS[r]),
        'or',
      )}. Each alert asks a person to look; it decides nothing about anyone.`,
    );
  }
  if (!a || a.lines > 0) {
    out.push(
      `Entries and exits${when}: count people crossing a line in each direction.`,
    );
  }
  if (!a || a.objects) {
    out.push(
      'Object-class demo (off by default): show what a general object detector sees of knives, scissors and baseball bats; not weapon detection, and not to be relied on.',
    );
  }
  return out;
}

/** The configuration line for zones, lines and alerts. */
function alertsSetupLine(c: ReviewerConfig): string {
  const a = c.alerts;
  if (!a) {
    return 'Zones, lines and alert rules: not given to this starter; record the ones set up in the Live view.';
  }
  if (alertsUse(c) === 'none') {
    return 'Zones, lines and alert rules: none set up, so no alert or crossing is counted; object-class demo off.';
  }
  const rules = a.rules.length
    ? `rules on: ${listText(a.rules.map((r) => RULE_NAMES[r]))}`
    : 'no rule on';
  const hours =
    a.hours.open === a.hours.close
      ? 'always open'
      : `${a.hours.open}–${a.hours.close} local time`;
  return `Zones and alerts: ${n(a.zones, 'zone')} (${rules}), ${n(a.lines, 'counting line')}; opening hours ${hours}; object-class demo ${a.objects ? 'on' : 'off'}; system notifications ${a.notify ? 'on (when the browser allows them)' : 'off'}.`;
}

export function dpiaStarter(c: ReviewerConfig): Doc {
  const on = activeEstimates(c);
  const names = estimateNames(c);
  const t = c.suppressionThreshold;
  const estimates = names.length
    ? listText(names)
    : 'none (people are only counted)';
  const models = c.models.map((m) => `${m.name}: ${m.package}@${m.version}`);
  const matching = matchingOn(c);

  const sections: DocSection[] = [
    {
      title: 'Configuration this starter was generated from',
      items: [
        `Estimates running: ${estimates}.`,
        `Workplace or education mode: ${c.workplace ? 'on (expression is never estimated)' : 'off'}.`,
        `Retention of aggregate counts: ${c.retentionDays} days (whole UTC days).`,
        `Small-count suppression threshold: ${t}${t === 1 ? ' (off)' : ''}.`,
        `Storage schema version: ${c.schemaVersion}.`,
        alertsSetupLine(c),
        matchingSetupLine(c),
        ...models.map((m) => `Model: ${m}.`),
      ],
    },
    {
      title: '1. Description of the processing and data flow',
      items: [
        'Camera: the browser’s camera stream is shown on the page; it is never recorded.',
        'Frame in memory: one frame at a time is handed to a Web Worker (a video frame at most 1280 px, or an image bitmap at most 960 px) and closed after analysis; whenever the person detector is idle, a copy of that frame goes to its own worker, started by the first, and is closed after detection.',
        'Detection (worker): the person detector (on a second worker, at its own pace) returns a box and a score per body; the face detector returns boxes, scores and six keypoints per face.',
        `Attribute estimation (worker): ${names.length ? `${listText(names)}, from square face crops that are freed at once` : 'none is switched on'}.`,
        'Anonymous tracks: each person and each face is followed with a random id that means nothing outside the track. A person is followed by position and motion only (a Kalman filter and box overlap): no appearance, colour, clothing or body features are computed, so someone who leaves and comes back is a new visit. A face joins the person whose head it is, by position; its readings are averaged into that person’s. A person’s track ends 3 s after last seen (1 s near the camera, or at once when walking out of the picture), a face’s after 1 s.',
        ...(matching
          ? [
              'Authorised face matching (on; section 6): while the profiles are unlocked, each tracked face is also described by the face-recognition model in the worker and compared with the enrolled profiles; the descriptor is dropped at once. A matched track carries its profile’s random id, and the page shows the operator’s label on it.',
            ]
          : []),
        'Visit summary: when a person’s track ends (or a face’s with no body), one summary (start, dwell, attention, glances, watcher, age group, gender, mood, expression) goes to the page; everything else about the track is forgotten.',
        'Zones and lines (when the operator draws them): on each analysed frame, each tracked person’s reference point (the feet) is tested against the zones and directed lines in page memory. What this keeps per person — which side of a line they were on, when they entered a zone — is dropped as soon as they are gone. It yields people per zone, crossings per line and direction (“in” along the arrow, “out” against it) and alerts that start and end.',
        'Object-class demo (off by default): the person detector’s COCO classes knife, scissors and baseball bat are flagged; only how many are in view is used. It is a demonstration, not a weapon detector.',
        'Alerts are shown on this device only: a banner over the video naming rule and zone, a short tone, and a system notification if the operator switched them on and the browser allows them (Notification API; no push server, nothing sent). The operating system may list a notification until it is dismissed; its text names the rule, the zone and how many people, never an image of the scene. The session’s alert log (rule, zone, start, end, peak, acknowledged at) stays in page memory and is gone when the page closes.',
        'Aggregate bucket: the page adds the summary to minute, hour and day counts and drops it. With each write (every few seconds) it also adds how many people were in view at most, the person-time in view (people × time) and, with zones or lines, the alerts that started (per zone slot and rule), the line crossings per direction and each zone’s peak: never who.',
        `IndexedDB: the buckets are saved in the database “${DB_NAME}” on this device, and deleted when older than ${c.retentionDays} days.`,
        'Nothing leaves the device: code, models and wasm are served by the app itself; no frame, summary or count is uploaded.',
      ],
    },
    {
      title: '2. Purposes',
      items: [
        'Count visitors and measure attention to a display (passers-by, watchers, dwell and attention time).',
        ...(names.length
          ? [`Describe the audience in aggregate: ${listText(names)}.`]
          : []),
        ...alertsPurposes(c),
        ...(matching
          ? [
              `${matching.purpose} (authorised face matching, section 6): recognise the enrolled people (${matching.affected}) on this device and count their visits per profile.`,
              'Not a purpose, and not possible with the stored data: identifying, recognising, following or profiling anyone who is not enrolled. Alerts point at a zone and a rule, never at a person.',
            ]
          : [
              'Not a purpose, and not possible with the stored data: identifying, recognising, following or profiling a person (authorised face matching, section 6, is off). Alerts point at a zone and a rule, never at a person.',
            ]),
      ],
    },
    {
      title: '3. Necessity and proportionality',
      items: [
        'Only aggregate counts are stored; the store rejects at run time anything that is not an exactly shaped count bucket.',
        'Data minimisation: switched-off estimates do not run; age is stored in groups, not years; gender abstains (“unknown”) below a confidence margin; mood has three groups.',
        'No ethnicity model is shipped, so ethnic categorisation is not possible with this software.',
        matching
          ? 'Face recognition happens only in authorised face matching (section 6), which is on: only for the people enrolled, on this device.'
          : 'Face recognition: the face-recognition model is shipped for authorised face matching only (section 6), which is off, so it is not loaded and no face descriptor is computed.',
        'Alerts keep counts only: per zone slot and rule, crossings per line and direction, and each zone’s peak, in the minute, hour and day buckets. No snapshot, clip, crop or track of anyone is stored; zone and line names stay in the settings, never in a count.',
        'Alerts are proportionate when each zone covers only the area a rule is for (a fire-limited room, a door that must stay shut), rules are on only where needed (only the occupancy limit is on by default), and the loitering time fits the purpose. Notifications and the object-class demo are off until switched on.',
        `Storage limitation: ${c.retentionDays} days, then purged automatically.`,
        'Less intrusive option: switch every estimate off and count people only. The controller should record why each enabled estimate is needed.',
        matching
          ? 'Data subjects’ rights: apart from the enrolled people, no stored record relates to an identifiable person (GDPR Art. 11); the notice explains this. Enrolled people’s profiles and per-profile counts are their personal data: access, erasure (delete the profile, which deletes its counts) and objection apply. Alert and zone counts from quiet hours are another exception to watch (see risks).'
          : 'Data subjects’ rights: no stored record relates to an identifiable person (GDPR Art. 11); the notice explains this. Alert and zone counts from quiet hours are the exception to watch (see risks).',
      ],
    },
    {
      title: '4. Risks to people, and measures',
      items: [
        `Misclassification bias: estimates err more for some groups (children, older people, women for age, darker-skinned women for gender in other systems). Measures: groups not numbers, abstaining gender, votes over at least 5 readings, model cards with published errors; use the figures as rough, never for decisions about anyone.`,
        `Function creep: later use for identification, staff monitoring or per-person records. Measures: aggregates-only store with run-time validation; identification only in authorised face matching (section 6: ${matching ? `on, for ${purposeWords(matching)}, enrolled people only` : 'off by default, and off now'}), which needs a recorded declaration and shows a banner; workplace mode${c.workplace ? ' is on' : ''} (emotion inference is prohibited at work and in education, EU AI Act Art. 5(1)(f)); changes need a new DPIA.`,
        'Covert use: people filmed without knowing. Measures: an on-screen notice that cannot be dismissed while a camera is live, and a printable A4 sign for the entrance (EU AI Act Art. 50(3); GDPR Art. 13).',
        `Re-identification via small counts: a bucket with one visit shows that person’s estimates and dwell. Measures: counts under ${t} show as “<${t}” and sums as “suppressed” in history and exports${t === 1 ? ' — currently OFF (threshold 1)' : ''}; this is not differential privacy (overlapping buckets can still be subtracted).`,
        `Alerts about one person: at night, an out-of-hours, loitering or restricted-area alert, or a zone peak of 1, in a minute bucket says that one person was in that zone at that minute; with a rota or a door log that is one identifiable person (a cleaner, a guard). Measures: counts only, no picture or track; in history and exports alert counts, crossings and zone peaks under ${t} show as “<${t}”${t === 1 ? ' — currently OFF (threshold 1)' : ''}, but a non-zero cell still shows that an alert happened then, and storage and the inspector keep exact counts. Treat these counts as personal data where staff may be in view, limit who can read history and exports, and keep retention short.`,
        'Out of hours means watching outside opening hours: the camera must run then, and whoever is there (usually staff, cleaners or security) is monitored. Measures: the rule is off by default and per zone; the notice stays on screen while the camera is live; tell staff who work out of hours, and consult them or their representatives.',
        'Acting on an alert: a loitering or restricted-area alert points staff at someone now, and the object-class demo misreads objects (scissors at a hairdresser, a bat in a sports shop). Measures: alerts name rule and zone only, the demo is labelled as a demo and off by default, and an alert is a prompt to look, never grounds to act against anyone on its own.',
        `Unauthorised access to the device. Measures: local storage only, no network export by the app; ${c.csp ? `Content-Security-Policy: ${c.csp}` : 'no Content-Security-Policy is configured yet (see open questions)'}.`,
        ...(on.expression
          ? [
              'Expression is not emotion: a smile for a photo reads as “happy”. Measures: three mood groups, labelled as facial expression.',
            ]
          : []),
      ],
    },
    {
      title: '5. Open questions for the controller',
      items: [
        c.controller
          ? `Controller: ${c.controller}. Is a data protection officer involved?`
          : 'Who is the controller, and how are they contacted? Is a data protection officer involved?',
        'Lawful basis under GDPR Art. 6 (for example legitimate interests, with a balancing test).',
        'Are any estimates special-category data under GDPR Art. 9 in this use? Record the DPO’s view.',
        `Is the site a workplace or place of education?${c.workplace ? '' : ' If so, switch workplace mode on.'} Are staff in view, and have they or their representatives been consulted?`,
        'Are children likely to be in view?',
        'Which zones, lines and alert rules are needed, and why? Who sees alerts and notifications, what do they do, and can the device’s notification list be read by others (e.g. on a lock screen)?',
        'If an out-of-hours rule is on: who is on site out of hours, have they been told, and is the sign visible then?',
        'Where is the sign placed, and can people read it before they enter the camera’s view?',
        'Does the camera see more than needed (street, staff areas, screens)?',
        `Are ${c.retentionDays} days and a threshold of ${t} right for the traffic at this site?`,
        'Who may use the device and export counts, and is it locked when unattended?',
        ...(c.csp
          ? []
          : [
              'Serve the app with a Content-Security-Policy that limits connections to its own origin.',
            ]),
        'Which national rules on camera signs apply?',
        ...matchingOpenQuestions(c),
      ],
    },
    matchingDpiaSection(c, 6),
  ];
  const title = 'LocalSight DPIA starter (GDPR Art. 35)';
  return { title, sections, markdown: docMarkdown(title, sections) };
}
