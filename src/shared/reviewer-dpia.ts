// A DPIA starter in the order of GDPR Art. 35(7), filled in from the real configuration:
// processing and data flow, purposes, necessity, risks with measures, and open questions.
// Pure: imports only src/shared. The controller completes and signs it; we do not.

import {
  DB_NAME,
  activeEstimates,
  docMarkdown,
  estimateNames,
  listText,
  type Doc,
  type DocSection,
  type ReviewerConfig,
} from './reviewer-config';

export function dpiaStarter(c: ReviewerConfig): Doc {
  const on = activeEstimates(c);
  const names = estimateNames(c);
  const t = c.suppressionThreshold;
  const estimates = names.length
    ? listText(names)
    : 'none (people are only counted)';
  const models = c.models.map((m) => `${m.name}: ${m.package}@${m.version}`);

  const sections: DocSection[] = [
    {
      title: 'Configuration this starter was generated from',
      items: [
        `Estimates running: ${estimates}.`,
        `Workplace or education mode: ${c.workplace ? 'on (expression is never estimated)' : 'off'}.`,
        `Retention of aggregate counts: ${c.retentionDays} days (whole UTC days).`,
        `Small-count suppression threshold: ${t}${t === 1 ? ' (off)' : ''}.`,
        `Storage schema version: ${c.schemaVersion}.`,
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
        'Visit summary: when a person’s track ends (or a face’s with no body), one summary (start, dwell, attention, glances, watcher, age group, gender, mood, expression) goes to the page; everything else about the track is forgotten.',
        'Aggregate bucket: the page adds the summary to minute, hour and day counts and drops it. With each write (every few seconds) it also adds how many people were in view at most, and the person-time in view (people × time), never who.',
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
        'Not a purpose, and not possible with the stored data: identifying, recognising, following or profiling a person.',
      ],
    },
    {
      title: '3. Necessity and proportionality',
      items: [
        'Only aggregate counts are stored; the store rejects at run time anything that is not an exactly shaped count bucket.',
        'Data minimisation: switched-off estimates do not run; age is stored in groups, not years; gender abstains (“unknown”) below a confidence margin; mood has three groups.',
        'No face descriptor or ethnicity model is shipped, so recognition or ethnic categorisation is not possible with this software.',
        `Storage limitation: ${c.retentionDays} days, then purged automatically.`,
        'Less intrusive option: switch every estimate off and count people only. The controller should record why each enabled estimate is needed.',
        'Data subjects’ rights: no stored record relates to an identifiable person (GDPR Art. 11); the notice explains this.',
      ],
    },
    {
      title: '4. Risks to people, and measures',
      items: [
        `Misclassification bias: estimates err more for some groups (children, older people, women for age, darker-skinned women for gender in other systems). Measures: groups not numbers, abstaining gender, votes over at least 5 readings, model cards with published errors; use the figures as rough, never for decisions about anyone.`,
        `Function creep: later use for identification, staff monitoring or per-person records. Measures: aggregates-only store with run-time validation, no identification model shipped, workplace mode${c.workplace ? ' is on' : ''} (emotion inference is prohibited at work and in education, EU AI Act Art. 5(1)(f)); changes need a new DPIA.`,
        'Covert use: people filmed without knowing. Measures: an on-screen notice that cannot be dismissed while a camera is live, and a printable A4 sign for the entrance (EU AI Act Art. 50(3); GDPR Art. 13).',
        `Re-identification via small counts: a bucket with one visit shows that person’s estimates and dwell. Measures: counts under ${t} show as “<${t}” and sums as “suppressed” in history and exports${t === 1 ? ' — currently OFF (threshold 1)' : ''}; this is not differential privacy (overlapping buckets can still be subtracted).`,
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
      ],
    },
  ];
  const title = 'LocalSight DPIA starter (GDPR Art. 35)';
  return { title, sections, markdown: docMarkdown(title, sections) };
}
