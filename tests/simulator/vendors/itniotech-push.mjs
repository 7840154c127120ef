// Itniotech pushCallRecord payload (src/vendors/itniotech/README.md Callbacks, from
// https://itniotech.com/api/ai-voice/pushCallRecord; the page is summarized in
// src/vendors/itniotech/README.md). The vendor README lists the fields ("Fields include …") but prints no
// example, so the key ORDER and the names the README only paraphrases ("tag
// ids/names", "audio URLs") are CHOICEs, marked below. Times are epoch SECONDS.
import { rngFor } from '../lib/prng.mjs';
import { parseDateTime } from '../lib/time.mjs';

// CHOICE: simulated intent tags (the vendor README: "tag ids/names", values unknown).
const TAGS = { A: [501, '高意向'], B: [502, '有意向'], C: [503, '待判断'], D: [504, '低意向'], E: [505, '需跟进'], F: [506, '无需跟进'] };
// CHOICE: pay (USD, per the vendor README; the Buka page says €) = 0.02 per billed minute.
const USD_PER_MIN = 0.02;

/**
 * @param {object} o
 * @param {object} o.task      the simulator's task
 * @param {object} o.customer  the dialled customer (c.record from the dialler)
 * @param {string} o.appId
 * @param {*} o.seed           simulator seed: the dialogue lines come from their own stream
 */
export function pushCallRecordPayload({ task, customer: c, appId, seed }) {
  const r = c.record;
  const answered = r.resultStatus === 'ANSWERED';
  // The dialler stores times as strings for recordQuery; the push sends seconds.
  const start = parseDateTime(r.startTime);
  const end = parseDateTime(r.endTime);
  // Dialogue lines, from a stream of their own so that the dialler's outcomes
  // (seeded per task/phone/attempt) stay exactly as they were.
  const rng = rngFor(seed, 'itniotech-push', task.id, c.phone, c.attempt);
  const lines = answered ? 2 * rng.int(1, 6) : 0;
  const callDetailList = [];
  let at = 0;
  for (let i = 0; i < lines; i++) {
    const len = rng.int(800, 4000);
    callDetailList.push({
      callDetailId: r.callId * 100 + i + 1,
      text: i % 2 === 0 ? `Robot line ${i / 2 + 1}` : `Customer line ${(i + 1) / 2}`,
      type: i % 2 === 0 ? 'ROBOT' : 'PERSON', // PERSON | ROBOT (src/vendors/itniotech/README.md)
      startOffset: at, // ms from the start of the recording
      endOffset: at + len,
    });
    at += len + rng.int(200, 1500);
  }
  const tag = answered ? TAGS[r.intentLevelDetailName] : null;
  return {
    callId: r.callId,
    appId,
    robotCallJobId: task.id, // the jobId
    dialogFlowId: task.spec.dialogFlowId,
    tenantPhoneNumberId: task.spec.jobPhoneNumberId,
    calledPhoneNumber: c.phone,
    startTime: Math.floor(start / 1000),
    endTime: Math.floor(end / 1000),
    resultStatus: r.resultStatus, // Tanyi's 12 names (src/vendors/itniotech/README.md)
    hangupBy: r.hangupBy,
    chatDuration: r.chatDuration,
    billingTime: r.chargedDuration, // as recordQuery's chargedDuration (seconds, whole minutes)
    pay: Math.round((r.chargedDuration / 60) * USD_PER_MIN * 100) / 100,
    properties: r.properties,
    intentLevelDetailName: r.intentLevelDetailName,
    // CHOICE: names for "tag ids/names".
    tagIds: tag ? [tag[0]] : [],
    tagNames: tag ? [tag[1]] : [],
    // CHOICE: the audio URL names of recordQuery (Yiwise's fullAudioUrl/customerAudioUrl).
    fullAudioUrl: r.fullAudioUrl,
    customerAudioUrl: r.fullAudioUrl && r.fullAudioUrl.replace('.wav', '_customer.wav'),
    callDetailList,
    callCount: c.attempt + 1, // CHOICE: calls made to this customer in the task so far
    redialTimes: r.redialTimes,
  };
}
